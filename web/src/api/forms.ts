import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type FieldProblem } from './client.ts';

type NamePath = (string | number)[];

/** The names of the fields currently mounted in `form`. */
function mountedFields(form: FormInstance): NamePath[] {
  const names: NamePath[] = [];
  form.getFieldsValue({
    filter: (meta) => {
      if (meta) names.push(meta.name);
      return false;
    },
  });
  return names;
}

const samePath = (a: NamePath, b: NamePath) =>
  a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/**
 * Puts the problem's field errors on the matching form fields: pointer `/body/a/b/0` goes to the field with
 * the longest matching name (`['a','b',0]`, then `['a','b']`, then `['a']`), or else to the first field inside
 * it (`['a','b',0,'name']`); `fieldMap` renames a top-level body property to a form field. Returns the
 * problems that matched no field.
 */
export function applyFieldProblems(
  form: FormInstance,
  problems: FieldProblem[],
  fieldMap: Record<string, string> = {},
): FieldProblem[] {
  const fields = mountedFields(form);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldProblem[] = [];
  for (const p of problems) {
    const parts = p.pointer.split('/').slice(1);
    if (parts[0] !== 'body' || parts.length < 2) {
      unmatched.push(p);
      continue;
    }
    const path: NamePath = parts.slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    path[0] = fieldMap[path[0] as string] ?? path[0]!;
    let name: NamePath | undefined;
    for (let n = path.length; n > 0 && !name; n--) {
      const candidate = path.slice(0, n);
      name = fields.find((f) => samePath(f, candidate));
    }
    // A pointer to a group of fields (e.g. one row of a list): its first field.
    name ??= fields.find((f) => f.length > path.length && samePath(f.slice(0, path.length), path));
    if (!name) {
      unmatched.push(p);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(p.detail)) entry.errors.push(p.detail);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}

/** A message for an error that is not (only) about form fields. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return `无权限：${err.detail}`;
    return err.detail;
  }
  if (err instanceof Error) return err.message;
  return '操作失败，请稍后重试';
}

/**
 * Returns a handler for a failed request: field errors go onto `form` (when given), and the problem's
 * `detail` (plus any field errors without a matching field) is shown as a message. 401 is handled
 * globally (back to the login page), so it shows nothing here.
 */
export function useErrorHandler(form?: FormInstance, fieldMap?: Record<string, string>) {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && err.status === 401 && err.code !== 'AUTH.BAD_CREDENTIALS') return;
      let extra: FieldProblem[] = [];
      if (form && err instanceof ApiError && err.errors.length > 0)
        extra = applyFieldProblems(form, err.errors, fieldMap);
      else if (err instanceof ApiError) extra = err.errors;
      const text = [describeError(err), ...extra.map((p) => p.detail)].join('；');
      message.error(text);
    },
    [form, fieldMap, message],
  );
}

/** The hook forms use: `const onError = useFormErrors(form); api.x().catch(onError)`. */
export const useFormErrors = (form: FormInstance, fieldMap?: Record<string, string>) =>
  useErrorHandler(form, fieldMap);

/**
 * A form's submit: `saving` for the button, and `run(work)` which shows the server's problems on the form's
 * fields (as `useFormErrors`) and always clears `saving`.
 */
export function useFormSubmit(form: FormInstance, fieldMap?: Record<string, string>) {
  const onError = useFormErrors(form, fieldMap);
  const [saving, setSaving] = useState(false);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setSaving(true);
      try {
        await work();
      } catch (e) {
        onError(e);
      } finally {
        setSaving(false);
      }
    },
    [onError],
  );
  return { saving, run };
}
