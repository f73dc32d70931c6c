import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { choose, signIn, signOut, typeDate } from './session.ts';

/**
 * Types a date into a step form's DatePicker and leaves the field by clicking the dialog's title: Enter would
 * submit the step's form (one whose only required field is the date submits at once), and Tab would focus the
 * next field (a select then opens, and the click meant to open it closes it again).
 */
async function stepDate(scope: Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await scope.page().locator('.ant-modal-title').last().click();
  await expect(input.inputValue()).resolves.toBe(date);
}

/**
 * 行政处罚 from complaint to the portal, in the web UI, each step by the official whose role does it: `officer`
 * (执法人员) registers the complaint as a clue, verifies it, files the case, assigns investigators, records
 * evidence, concludes the investigation, gives prior notice and sends the case to legal review; `reviewer`
 * (法制审核人员) gives the 法制审核 opinion on the case's legality review (合法性审查), opened from the 法制审核 queue; `leader` (holder of 负责人审批) decides; `officer` publishes the masked public
 * version the server drafted. Then a citizen, not signed in, finds the decision on the portal with the party's
 * name masked and neither the ID number nor the address shown. Fixed dates in March 2026 keep every statutory
 * period inside the loaded calendar years, whatever day the test runs.
 */
const PARTY = '王小明';
const ID_NUMBER = '500113198503150011';
const ADDRESS = '示范区东城街道红星路8号';
const DECISION_NO = '示市监处罚〔2026〕901号';
const FACTS = `经查，当事人${PARTY}（住所：${ADDRESS}）未将营业执照置于经营场所醒目位置，经责令改正后拒不改正。`;
const BASIS = '《中华人民共和国市场主体登记管理条例》第四十八条';

describe('penalty case from complaint to the published, masked decision', () => {
  let stack: Running;
  let page: Page;
  let caseUrl = '';

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens the form of the step labelled `button` among the case's actions. */
  const open = async (button: string): Promise<Locator> => {
    await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click();
    const form = page.getByTestId('step-form');
    await form.waitFor();
    return form;
  };
  /** Submits the open step form and waits until the case is in `state`. */
  const submit = async (state: string) => {
    await page.getByTestId('step-form-submit').click();
    await page
      .getByTestId('step-form')
      .waitFor({ state: 'detached' })
      .catch(async () => {
        // Say why the step was not taken (a refused legal condition or a field problem), not only that it timed out.
        throw new Error(`step not taken: ${await page.locator('.ant-modal').last().textContent()}`);
      });
    await expect.poll(() => page.getByTestId('case-detail').getAttribute('data-state')).toBe(state);
  };

  it('officer registers the complaint and takes the case to legal review', async () => {
    await signIn(page, stack.url, 'officer');
    await page.goto(`${stack.url}/admin/enforcement/cases`);
    await page.getByRole('button', { name: '登记案件线索' }).click();
    const clue = page.getByTestId('clue-form');
    await expect.poll(() => clue.textContent()).toContain('区市场监管综合行政执法支队');
    await choose(page, clue, '线索来源', '投诉举报');
    await typeDate(clue, '收到线索日期', '2026-03-02');
    await clue.getByLabel('线索摘要').fill('群众投诉某个体户未在经营场所悬挂营业执照，经责令改正仍未改正');
    await clue.getByLabel('姓名', { exact: true }).fill(PARTY);
    await clue.getByLabel('身份证号').fill(ID_NUMBER);
    await clue.getByLabel('住所（地址）').fill(ADDRESS);
    await page.getByTestId('clue-form-submit').click();
    await page.getByTestId('case-detail').waitFor();
    caseUrl = page.url();
    expect(await page.getByTestId('case-detail').getAttribute('data-state')).toBe('source');

    let form = await open('核查线索');
    await stepDate(form, '开始核查日期', '2026-03-02');
    await submit('verifying');

    form = await open('立案');
    await stepDate(form, '立案日期', '2026-03-03');
    await choose(page, form, '执法事项', 'SCJG-CF-002');
    await form.getByLabel('执法领域').fill('市场监管');
    await form.getByLabel('案由').fill('涉嫌未将营业执照置于醒目位置且拒不改正');
    await form.getByLabel('批准人').fill('支队长');
    await submit('filed');

    form = await open('指派调查人员');
    await stepDate(form, '指派日期', '2026-03-03');
    await form.getByLabel('调查人员').click();
    const usable = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:not(.ant-select-item-option-disabled)',
    );
    await usable.nth(0).click();
    await usable.nth(1).click();
    await page.keyboard.press('Escape');
    await submit('investigating');

    form = await open('登记证据');
    await choose(page, form, '证据种类', '勘验笔录、现场笔录');
    await form.getByLabel('证据名称').fill('现场检查笔录');
    await stepDate(form, '取证日期', '2026-03-04');
    await form.getByLabel('文件SHA-256').fill('c0ffee'.repeat(10).slice(0, 64).padEnd(64, '0'));
    await submit('investigating');

    form = await open('调查终结');
    await stepDate(form, '调查终结日期', '2026-03-09');
    await form
      .getByLabel('调查终结报告')
      .fill('当事人未将营业执照置于醒目位置，经责令改正后拒不改正，事实清楚，证据确凿。');
    await submit('investigated');

    form = await open('行政处罚事先告知');
    await stepDate(form, '告知日期', '2026-03-10');
    await choose(page, form, '送达方式', '直接送达');
    await form.getByLabel('违法事实').fill('当事人未将营业执照置于经营场所醒目位置，经责令改正后拒不改正');
    await form
      .getByLabel('理由', { exact: true })
      .fill('违反《中华人民共和国市场主体登记管理条例》第二十三条');
    await form.getByLabel('法律依据').fill(BASIS);
    await form.getByLabel('拟罚款金额（元）').fill('5000');
    await choose(page, form, '裁量情形', '从轻');
    await form.getByLabel('陈述权').click();
    await form.getByLabel('申辩权').click();
    await submit('notified');

    form = await open('送法制审核');
    await stepDate(form, '提交日期', '2026-03-16');
    await submit('legal-review');
    await signOut(page);
  });

  it('reviewer gives the legal-review opinion on the legality review of the case, from the 法制审核 queue', async () => {
    await signIn(page, stack.url, 'reviewer');
    await page.goto(`${stack.url}/admin/enforcement/legal-review`);
    const caseId = caseUrl.split('/').pop()!;
    await page
      .getByTestId('legal-review-queue')
      .locator('tr', { has: page.locator(`a[href$="${caseId}"]`) })
      .getByTestId('review-link')
      .click();
    await expect.poll(() => page.getByTestId('case-detail').getAttribute('data-state')).toBe('unit-review');
    const form = await open('审查通过');
    await choose(page, form, '审查结论', '通过');
    await form
      .getByLabel('审查意见（理由）')
      .fill('主体合法，事实清楚，证据确凿，适用依据正确，程序合法，处罚适当。');
    await form.getByLabel('法律依据').fill('《中华人民共和国行政处罚法》第五十八条');
    await submit('passed');
    // the opinion is filed on the penalty case too
    await page.goto(caseUrl);
    await expect
      .poll(() => page.getByTestId('case-detail').textContent())
      .toContain('单位法制机构审查：通过');
    await signOut(page);
  });

  it('leader decides the penalty', async () => {
    await signIn(page, stack.url, 'leader');
    await page.goto(caseUrl);
    const form = await open('作出决定');
    await choose(page, form, '处理决定', '给予行政处罚');
    await stepDate(form, '决定日期', '2026-03-18');
    await form.getByLabel('决定书文号').fill(DECISION_NO);
    await form.getByLabel('违法事实').fill(FACTS);
    await form.getByLabel('法律依据').fill(BASIS);
    await form.getByLabel('罚款金额（元）').fill('5000');
    await choose(page, form, '裁量情形', '从轻');
    await submit('decided');
    await signOut(page);
  });

  it('officer publishes the masked public version the server drafted', async () => {
    await signIn(page, stack.url, 'officer');
    await page.goto(caseUrl);
    const form = await open('公开行政处罚决定');
    // The draft comes masked: the surname and 某, no ID number, no address.
    const text = form.getByLabel('公开文本');
    await expect.poll(() => text.inputValue()).toContain('王某');
    expect(await text.inputValue()).not.toContain(PARTY);
    expect(await text.inputValue()).not.toContain(ADDRESS);
    await expect(form.getByLabel('公开的当事人名称').inputValue()).resolves.toBe('王某');
    await stepDate(form, '公开日期', '2026-03-20');
    await form.getByLabel('审核人').fill('支队法制员');
    await page.getByTestId('step-form-submit').click();
    await page
      .getByTestId('step-form')
      .waitFor({ state: 'detached' })
      .catch(async () => {
        // Say why the step was not taken (a refused legal condition or a field problem), not only that it timed out.
        throw new Error(`step not taken: ${await page.locator('.ant-modal').last().textContent()}`);
      });
    await expect.poll(() => page.getByTestId('case-detail').textContent()).toContain('公开行政处罚决定');
    await signOut(page);
  });

  it('a citizen finds the decision on the portal with the party masked', async () => {
    const citizen = await newPage(stack);
    await citizen.goto(`${stack.url}/public/enforcement`);
    await citizen.getByRole('tab', { name: '行政处罚决定' }).click();
    await citizen.getByLabel('查询行政处罚决定').fill('901号');
    await citizen.getByLabel('查询行政处罚决定').press('Enter');
    const table = citizen.getByTestId('public-decisions');
    const row = table.locator('tr', { hasText: DECISION_NO });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('王某');
    expect(rowText).toContain('罚款5000元');
    expect(rowText).not.toContain(PARTY);
    await row.getByRole('link', { name: DECISION_NO }).click();
    const decision = citizen.getByTestId('decision-text');
    await decision.waitFor();
    const published = (await citizen.getByTestId('public-decision').textContent()) ?? '';
    expect(published).toContain('王某');
    expect(published).toContain('未将营业执照置于经营场所醒目位置');
    expect(published).not.toContain(PARTY);
    expect(published).not.toContain(ID_NUMBER);
    expect(published).not.toContain(ADDRESS);
    expect(published).not.toMatch(/\d{17}[\dX]/);
  });
});
