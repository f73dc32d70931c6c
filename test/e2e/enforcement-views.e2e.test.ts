import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, type Running, startStack } from './harness.ts';
import { type ApiSession, apiLogin, choose, signIn, signOut } from './session.ts';

/**
 * Enforcement work views in the browser: `reviewer` opens the 法制审核 queue, gives the opinion on the case's legality review (from the
 * case page, and fills and saves a 案卷评查 score sheet for a decided case; `justice` opens 执法监督 and 执法统计
 * and drills down from a figure to its cases. Two cases are set up through the API on fixed 2026 dates (so their
 * statutory periods stay inside the loaded calendar years).
 */
describe('enforcement work views', () => {
  let stack: Running;
  let page: Page;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
    const officer = await apiLogin(stack.url, 'officer');
    const leader = await apiLogin(stack.url, 'leader');
    const bodies = await officer.call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/api/enforcement/bodies?q=${encodeURIComponent('区市场监管综合行政执法支队')}`,
    );
    const body = bodies.items.find((b) => b.name === '区市场监管综合行政执法支队')!.id;
    const matters = await officer.call<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/enforcement/matters?q=SCJG-CF-001',
    );
    const matter = matters.items.find((m) => m.code === 'SCJG-CF-001')!.id;
    const officers = await officer.call<{
      items: { userId: string; validTo: string; credentialProblems: unknown[] }[];
    }>('GET', `/api/enforcement/officers?bodyId=${body}&pageSize=100`);
    const valid = officers.items
      .filter((o) => o.validTo > '2026-12-31' && o.credentialProblems.length === 0)
      .map((o) => o.userId);
    expect(valid.length).toBeGreaterThanOrEqual(2);

    const HASH = 'ab'.repeat(32);
    const step = (s: ApiSession, id: string, name: string, input: unknown) =>
      s.call('POST', `/api/workflow/cases/${id}/transitions/${name}`, input);
    /** A case notified of a 70,000 yuan fine, the party having waived the hearing. */
    async function notified(party: string) {
      const c = await officer.call<{ id: string; number: string }>('POST', '/api/workflow/cases', {
        type: 'enforcement.penalty-case',
        data: {
          bodyId: body,
          source: '投诉举报',
          clueReceivedOn: '2026-09-01',
          summary: '群众投诉某超市销售过期食品',
          party: { kind: 'person', name: party, idNumber: '11010519491231002X', address: '示范区某路1号' },
        },
      });
      await step(officer, c.id, 'verify', { startedOn: '2026-09-01' });
      await step(officer, c.id, 'file', {
        filedOn: '2026-09-02',
        domain: '食品安全',
        cause: '涉嫌经营超过保质期的食品',
        approvedBy: '支队长',
        matterId: matter,
      });
      await step(officer, c.id, 'assignInvestigators', {
        assignedOn: '2026-09-02',
        investigators: valid.slice(0, 2),
      });
      await step(officer, c.id, 'recordEvidence', {
        items: [{ type: '书证', title: '进货单', collectedOn: '2026-09-03', sha256: HASH }],
      });
      await step(officer, c.id, 'concludeInvestigation', {
        concludedOn: '2026-09-08',
        report: '调查终结报告',
        flags: {},
      });
      await step(officer, c.id, 'notify', {
        notifiedOn: '2026-09-09',
        method: '直接送达',
        facts: '当事人经营超过保质期的食品',
        reasons: '违反食品安全法第三十四条',
        basis: '食品安全法第一百二十四条第一款',
        proposed: { fine: 70000, circumstance: '一般', otherPenalties: ['没收违法所得'] },
        rights: { statement: true, defence: true, hearing: true },
      });
      await step(officer, c.id, 'waiveHearing', {
        waivedOn: '2026-09-10',
        document: '放弃听证声明书',
        documentSha256: HASH,
      });
      return c;
    }
    const review = await notified('张三');
    await step(officer, review.id, 'submitForReview', { submittedOn: '2026-11-20' });
    numbers.review = review.number;
    const decided = await notified('李四');
    await step(leader, decided.id, 'decide', {
      outcome: 'penalty',
      decidedOn: '2026-11-10',
      decisionNo: '示市监处罚〔2026〕901号',
      facts: '经查，当事人经营超过保质期的食品',
      basis: '食品安全法第一百二十四条第一款',
      fine: 70000,
      circumstance: '一般',
      otherPenalties: ['没收违法所得'],
    });
    numbers.decided = decided.number;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lets reviewer open the legal-review queue and file an opinion on the case page', async () => {
    await signIn(page, stack.url, 'reviewer');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '行政执法' }).click();
    await menu.getByRole('menuitem', { name: '法制审核' }).click();
    const queue = page.getByTestId('legal-review-queue');
    // the opinion is given on the case's legality review, which the queue links
    await queue.getByRole('row', { name: numbers.review! }).getByTestId('review-link').click();

    await expect.poll(() => page.getByTestId('case-detail').getAttribute('data-state')).toBe('unit-review');
    await page.getByTestId('case-actions').getByRole('button', { name: '审查通过', exact: true }).click();
    const form = page.getByTestId('step-form');
    await choose(page, form, '审查结论', '修改后通过');
    await form
      .getByLabel('审查意见（理由）')
      .fill('事实清楚，证据确凿；建议在决定书中补充违法所得的计算依据');
    await form.getByLabel('法律依据').fill('《中华人民共和国食品安全法》第一百二十四条');
    await page.getByTestId('step-form-submit').click();
    await expect.poll(() => page.getByTestId('case-detail').getAttribute('data-state')).toBe('passed');

    // filed: the case leaves the queue
    await page.goto(`${stack.url}/admin/enforcement/legal-review`);
    // (the demo year may leave other cases of the district waiting for review)
    await page.getByTestId('legal-review-queue').waitFor();
    await expect
      .poll(() => page.getByTestId('legal-review-queue').getByRole('link', { name: numbers.review! }).count())
      .toBe(0);
  });

  it('lets reviewer fill and save a 案卷评查 score sheet for a decided case', async () => {
    await page.goto(`${stack.url}/admin/enforcement/case-reviews`);
    await expect
      .poll(() => page.getByTestId('score-sheet-summary').textContent())
      .toContain('证据确凿充分20分');
    const candidates = page.getByTestId('review-candidates');
    await candidates.getByRole('button', { name: `评查 ${numbers.decided}` }).click();
    const form = page.getByTestId('review-form');
    await form.getByLabel('证据确凿充分得分').fill('8');
    await form.getByLabel('总体评价').fill('程序基本规范，证据有欠缺');
    // a deduction without a reason is refused on the form
    await page.getByTestId('review-form-submit').click();
    await form.getByText('扣分的，应写明扣分理由').waitFor();
    await expect(form.getByTestId('review-total').textContent()).resolves.toBe('88 分');
    await expect(form.getByTestId('review-grade').textContent()).resolves.toBe('合格');
    await form.getByLabel('证据确凿充分扣分理由').fill('缺少现场检查笔录和抽样记录');
    await page.getByTestId('review-form-submit').click();
    await page.getByText('已保存评查结果：88 分，合格').waitFor();

    await page.getByRole('tab', { name: '评查记录' }).click();
    const reviews = page.getByTestId('case-reviews-table');
    await reviews.getByText(numbers.decided!).click();
    const detail = page.getByRole('dialog', { name: `案卷评查结果：${numbers.decided}` });
    await expect.poll(() => detail.textContent()).toContain('缺少现场检查笔录和抽样记录');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await signOut(page);
  });

  it('lets justice open the supervision and statistics pages and drill down to the cases of a figure', async () => {
    await signIn(page, stack.url, 'justice');
    const menu = page.getByTestId('admin-menu');
    await menu.getByRole('menuitem', { name: '行政执法' }).click();
    await menu.getByRole('menuitem', { name: '执法监督' }).click();
    const table = page.getByTestId('supervision-table');
    await table.getByRole('link', { name: numbers.decided! }).waitFor();
    await expect(table.textContent()).resolves.toContain(numbers.review);

    await menu.getByRole('menuitem', { name: '执法统计' }).click();
    await page.getByTestId('enforcement-stats').waitFor();
    const opened = page.getByTestId('figure-opened');
    await expect
      .poll(async () => Number((await opened.locator('.ant-statistic-content-value').textContent()) ?? 0))
      .toBeGreaterThanOrEqual(2);
    await opened.click();
    const drill = page.getByTestId('drill-table');
    await drill.getByRole('link', { name: numbers.decided! }).waitFor();
    await drill.getByRole('link', { name: numbers.review! }).click();
    await page.getByTestId('case-detail').waitFor();
    // the legality review's opinion is shown with the case's records
    await expect(page.getByTestId('case-records').textContent()).resolves.toContain('修改后通过');
    await expect(page.getByTestId('case-records').textContent()).resolves.toContain('单位法制机构审查');
  });
});
