import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, seededWorkCalendar } from '../../src/platform/calendar/index.ts';
import { chinaDate } from '../../src/platform/workflow/index.ts';
import { e2eNow, newPage, type Running, startStack } from './harness.ts';
import { apiLogin, choose, signIn, signOut, typeDate } from './session.ts';

/**
 * A major administrative decision (重大行政决策) through the five steps on the admin pages: the justice bureau
 * publishes the year's catalogue; `unitadmin` starts the decision from its item, is refused a comment period shorter
 * than 30 days without a reason, records public participation, expert argumentation (with a recused expert) and the
 * risk assessment, is refused the executive meeting with the legality review missing, sends it for review (the two
 * reviewers pass it), and submits it; `leader` records the minutes and decides; the catalogue shows five finished
 * steps.
 */
const TITLE = '示范区农村生活污水治理三年行动方案';

/**
 * Dates relative to the browser tests' clock (E2E_CLOCK_AT, 2026-11-26): the comment period ended two days ago (18
 * days: shorter than 30, so a reason is needed), experts and risk recorded yesterday and today, and the executive
 * meeting ten working days ahead (the legality review needs at least 7).
 */
const calendar = seededWorkCalendar();
const TODAY = chinaDate(e2eNow());
const YEAR = TODAY.slice(0, 4);
const meetingOn = calendar.addWorkdays(TODAY, 10);
const COMMENT_FROM = addDays(TODAY, -20);
const COMMENT_TO = addDays(TODAY, -2);
const ARGUED_ON = addDays(TODAY, -1);

async function takeStep(page: Page, name: string, fill: (form: Locator) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name }).click();
  const form = page.getByTestId('step-form');
  await fill(form);
  await page.getByTestId('step-form-submit').click();
  await form.waitFor({ state: 'detached' }).catch(async (e) => {
    throw new Error(`${name}: ${await page.getByRole('dialog').textContent()}`, { cause: e });
  });
}

describe('major decision', () => {
  let stack: Running;
  let page: Page;
  let caseUrl = '';

  beforeAll(async () => {
    stack = await startStack();
    page = await newPage(stack);
    const justice = await apiLogin(stack.url, 'justice');
    const units = await justice.call<{ id: string; name: string }[]>('GET', '/api/org/units');
    await justice.call('POST', `/api/decisions/catalogues/${YEAR}/items`, {
      title: TITLE,
      category: 'construction',
      proposingUnitId: units.find((u) => u.name === '区市场监督管理局')!.id,
      plannedQuarter: 4,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("publishes the year's catalogue", async () => {
    await signIn(page, stack.url, 'justice');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '重大行政决策' }).click();
    await page.getByRole('button', { name: '公布目录' }).click();
    // the consent date defaults to today (a lone date field: Enter would submit the form at once)
    await page
      .getByRole('dialog', { name: `公布${YEAR}年度目录` })
      .getByLabel('同级党委同意日期')
      .waitFor();
    await page.getByTestId('catalogue-publish-submit').click();
    await page.getByText(`已公布（${TODAY}）`).waitFor();
    await signOut(page);
  });

  it('starts the decision and records public participation, experts and risk', async () => {
    await signIn(page, stack.url, 'unitadmin');
    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '重大行政决策' }).click();
    await expect.poll(() => page.getByText('尚未启动').count()).toBeGreaterThan(0);
    await page
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByRole('button', { name: '启动决策程序' })
      .click();
    await page
      .getByRole('dialog', { name: '启动决策程序' })
      .getByLabel('决策事项说明')
      .fill('三年内完成全区农村生活污水收集处理设施建设');
    await page.getByTestId('decision-start-submit').click();
    await page.getByTestId('case-detail').waitFor();
    caseUrl = page.url();
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('决策草案拟订中');

    // a period shorter than 30 days without a reason is refused, with the rule named
    await page.getByTestId('case-actions').getByRole('button', { name: '公开征求意见' }).click();
    const form = page.getByTestId('step-form');
    await typeDate(form, '征求意见开始日期', COMMENT_FROM);
    await typeDate(form, '征求意见截止日期', COMMENT_TO);
    await form.getByLabel('公布渠道').fill('区政府网站');
    await page.getByTestId('step-form-submit').click();
    const blocked = page.getByTestId('step-blocked');
    await blocked.waitFor();
    await expect(blocked.textContent()).resolves.toContain('征求意见截止日期不得早于');
    await form.getByLabel('缩短征求意见期限的理由（情况紧急等）').fill('须在汛期前完成部署，情况紧急');
    await page.getByTestId('step-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('公开征求意见中');

    await takeStep(page, '征求意见结束，汇总采纳情况', async (f) => {
      await f.getByLabel('意见采纳情况').fill('收到意见6条：采纳4条，不予采纳2条并说明理由');
    });
    await takeStep(page, '记录专家论证', async (f) => {
      await typeDate(f, '论证日期', ARGUED_ON);
      await f.getByLabel('论证方式').fill('专家论证会');
      const first = f.getByRole('group', { name: '论证专家第1项' });
      await first.getByLabel('专家姓名').fill('赵教授');
      await first.getByLabel('工作单位').fill('重庆大学');
      await first.getByLabel('论证意见').fill('方案总体可行，建议分片区实施');
      await first.getByLabel('书面意见已签字').click();
      await f.getByRole('button', { name: '添加论证专家' }).click();
      const second = f.getByRole('group', { name: '论证专家第2项' });
      await second.getByLabel('专家姓名').fill('孙经理');
      await second.getByLabel('工作单位').fill('某水务公司');
      await second.getByLabel('与决策事项有直接利害关系').click();
      await second.getByLabel('已回避').click();
    });
    await takeStep(page, '记录风险评估', async (f) => {
      await typeDate(f, '评估日期', TODAY);
      await f.getByLabel('评估单位').fill('区社会稳定风险评估中心');
      await f.getByLabel('评估方法').fill('走访、座谈');
      await f.getByLabel('风险点').fill('施工扰民；管网入户协调');
      await choose(page, f, '风险等级', '低风险');
      await f.getByLabel('风险防范措施').fill('错峰施工，提前公告');
    });
  });

  it('refuses the executive meeting with the legality review missing, then passes the review', async () => {
    await page
      .getByTestId('case-actions')
      .getByRole('button', { name: '提请政府常务会议或全体会议讨论' })
      .click();
    const form = page.getByTestId('step-form');
    await choose(page, form, '会议类型', '政府常务会议');
    await typeDate(form, '拟开会日期', meetingOn);
    await page.getByTestId('step-form-submit').click();
    const blocked = page.getByTestId('step-blocked');
    await blocked.waitFor();
    const text = (await blocked.textContent()) ?? '';
    expect(text).toContain('缺少合法性审查');
    expect(text).not.toContain('缺少公众参与');
    expect(text).not.toContain('缺少专家论证');
    expect(text).not.toContain('缺少风险评估');
    await page
      .getByRole('dialog', { name: '提请政府常务会议或全体会议讨论' })
      .getByRole('button', { name: /取\s*消|Cancel/ })
      .click();

    await takeStep(page, '报送合法性审查', async (f) => {
      await f.getByRole('group', { name: '送审材料第1项' }).getByLabel('材料名称').fill('决策草案及起草说明');
      await typeDate(f, '拟提交会议日期', meetingOn);
    });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('合法性审查中');
    // the double review (the legality module's own pages are built elsewhere): the unit's legal staff, then 司法局
    const caseId = caseUrl.split('/').pop()!;
    const reviewer = await apiLogin(stack.url, 'reviewer');
    const reviews = await reviewer.call<{ items: { id: string; title: string }[] }>(
      'GET',
      `/api/workflow/cases?type=legality.review&q=${encodeURIComponent(TITLE)}`,
    );
    const review = reviews.items.find((r) => r.title === `重大行政决策：${TITLE}`)!;
    const pass = {
      outcome: 'pass',
      reasons: '权限、程序、内容合法',
      basis: '重大行政决策程序暂行条例第二十七条',
    };
    await reviewer.call('POST', `/api/workflow/cases/${review.id}/transitions/unitPass`, pass);
    const justice = await apiLogin(stack.url, 'justice');
    await justice.call('POST', `/api/workflow/cases/${review.id}/transitions/justicePass`, pass);
    expect(caseId).toBeTruthy();

    await page.reload();
    await takeStep(page, '合法性审查通过', async () => {});
    await takeStep(page, '提请政府常务会议或全体会议讨论', async (f) => {
      await choose(page, f, '会议类型', '政府常务会议');
      await typeDate(f, '拟开会日期', meetingOn);
    });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('待集体讨论');
    await signOut(page);
  });

  it('records the minutes with a dissent, decides, and the catalogue shows five finished steps', async () => {
    await signIn(page, stack.url, 'leader');
    await page.goto(caseUrl);
    await page
      .getByTestId('case-actions')
      .getByRole('button', { name: '集体讨论（政府常务会议或全体会议）' })
      .click();
    const form = page.getByTestId('record-form');
    await form.getByLabel('会议类型').fill('区政府常务会议');
    const names = ['何区长', '王副区长', '李副区长'];
    for (const [i, n] of names.entries())
      await form
        .getByRole('group', { name: `参会人员第${i + 1}位` })
        .getByLabel('姓名')
        .fill(n);
    await form.getByRole('button', { name: '按参会人员逐一列出' }).click();
    for (const [i, n] of names.entries()) {
      const row = form.getByRole('group', { name: `意见第${i + 1}条` });
      await row.getByRole('textbox', { name: '意见' }).fill(n === '李副区长' ? '建议先行试点' : '同意');
      if (n === '李副区长') await row.getByRole('switch', { name: '不同意见' }).click();
    }
    await form.getByLabel('主持人总结').fill('同意实施，试点意见在实施中统筹考虑');
    await form.getByRole('radio', { name: '同意', exact: true }).check();
    await page.getByTestId('record-form-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('case-records').textContent())
      .toContain('李副区长：建议先行试点（不同意见）');

    await takeStep(page, '行政首长作出决定', async (f) => {
      await typeDate(f, '决定日期', TODAY);
      await f.getByLabel('决定内容').fill('同意实施示范区农村生活污水治理三年行动方案');
    });
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已决定，待公布');

    await page.getByTestId('admin-menu').getByRole('menuitem', { name: '重大行政决策' }).click();
    const steps = page.getByRole('row', { name: new RegExp(TITLE) }).locator('.ant-steps-item-finish');
    await expect.poll(() => steps.count()).toBe(5);
  });
});
