import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eNow, e2eToday, newPage, type Running, setBrowserClock, startStack } from './harness.ts';
import { type ApiSession, apiLogin, choose, signIn, signOut, typeDate } from './session.ts';

/**
 * 行政规范性文件 in the browser, on its own clock (CLOCK_AT: today is 2026-11-02, below), one document from
 * draft to repeal: written and revised (two versions and their diff), opened for public comment, commented on clause
 * by clause on the portal without sign-in and the comment disposed of; closing the comment period is refused until
 * it has ended, so the server is restarted ten days later (`restartAt`) and the period closed; then the legality
 * review queue (the unit, then the justice bureau), collective deliberation, numbering, publication and filing; the
 * portal's Chinese search finds it; the filing catalogue lists it; a cleanup campaign repeals it and the portal
 * publishes the result.
 */
const BODY =
  '第一条 为规范示范区农贸市场管理，制定本办法。\n第二条 本办法适用于全区农贸市场。\n第三条 区市场监督管理局负责实施。';
const TITLE = '示范区农贸市场管理办法';
/**
 * This flow starts on 2026-11-02 (its own CLOCK_AT): every period it starts, up to the 30-day filing after
 * publication, then ends within 2026, the last year the seed calendar knows. The comment period is the minimum of 7
 * working days, to 2026-11-11; the server is restarted on 2026-11-12 to close it.
 */
const START = '2026-11-02T09:00:00+08:00';
const COMMENT_END = '2026-11-11';
const AFTER_COMMENT = '2026-11-12T09:00:00+08:00';
const pass = { outcome: 'pass', reasons: '制定主体合法，内容不违反上位法', basis: '国办发〔2018〕115号' };

describe('normative document', () => {
  let stack: Running;
  let page: Page;
  let draftUrl = '';
  let docId = '';
  let justiceApi: ApiSession;

  beforeAll(async () => {
    stack = await startStack({ clockAt: START });
    page = await newPage(stack);
    justiceApi = await apiLogin(stack.url, 'justice');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens a menu item inside its submenu (expanding the submenu when it is closed). */
  const openMenu = async (group: string, item: string) => {
    const menu = page.getByTestId('admin-menu');
    const entry = menu.getByRole('menuitem', { name: item });
    if (!(await entry.isVisible())) await menu.getByRole('menuitem', { name: group }).click();
    await entry.click();
  };
  const step = async (name: string) => {
    await page.getByTestId('case-actions').getByRole('button', { name }).click();
    return page.getByTestId('step-form');
  };
  const submitStep = async (state: string) => {
    await page.getByTestId('step-form-submit').click();
    await page.getByTestId('step-form').waitFor({ state: 'detached' });
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe(state);
  };

  it('drafts a document, saves a second version and shows the diff', async () => {
    await signIn(page, stack.url, 'unitadmin');
    await openMenu('规范性文件', '文件管理');
    await page.getByTestId('normative-create').click();
    const form = page.getByTestId('normative-form');
    await form.getByLabel('文件名称').fill('示范区农贸市场管理办法');
    await form.getByLabel('制定机关', { exact: true }).fill('示范区人民政府');
    await form.getByLabel('制定机关简称').fill('示范府');
    await choose(page, form, '文件类型', '政府规范性文件');
    await form.getByLabel('制定依据').fill('中华人民共和国食品安全法');
    await form.getByLabel('正文（第1版）').fill(BODY);
    await page.getByTestId('normative-form-submit').click();
    await page.getByTestId('case-detail').waitFor();
    draftUrl = page.url();
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('起草中');

    await page.getByTestId('normative-new-version').click();
    const v = page.getByTestId('normative-version-form');
    await v.getByLabel('正文').fill(BODY.replace('全区农贸市场', '全区各镇街农贸市场'));
    await v.getByLabel('修改说明').fill('扩大适用范围');
    await page.getByRole('button', { name: '保存新版本' }).click();
    await v.waitFor({ state: 'detached' });
    await page.getByTestId('normative-versions').getByText('扩大适用范围').waitFor();
    await expect(page.getByTestId('normative-diff-body').locator('ins').textContent()).resolves.toBe(
      '各镇街',
    );
  });

  it('opens the draft for comment; the portal takes a comment on one clause; the drafter disposes of it', async () => {
    const form = await step('公开征求意见');
    await typeDate(form, '征求意见开始日期', e2eToday());
    await typeDate(form, '征求意见截止日期', COMMENT_END);
    await submitStep('公开征求意见中');
    await signOut(page);

    await page.goto(`${stack.url}/public/normative?tab=drafts`);
    await page
      .getByTestId('public-normative-drafts')
      .getByRole('link', { name: '示范区农贸市场管理办法' })
      .click();
    await page.getByTestId('public-clause-2').waitFor();
    await expect(page.getByTestId('public-clause-2').textContent()).resolves.toContain('全区各镇街农贸市场');
    await page.getByTestId('public-clause-comment-2').click();
    const c = page.getByTestId('public-comment-form-2');
    await c.getByLabel('对第2条的意见').fill('建议明确是否包括临时集市');
    await c.getByLabel('姓名（选填，公开时隐去名字）').fill('张三丰');
    await page.getByTestId('public-comment-submit').click();
    await c.waitFor({ state: 'detached' });

    await signIn(page, stack.url, 'unitadmin');
    await page.goto(draftUrl);
    await page.getByRole('tab', { name: '公众意见' }).click();
    const comments = page.getByTestId('normative-comments');
    await comments.getByText('建议明确是否包括临时集市').waitFor();
    await comments.getByText('张**').waitFor();
    await comments.getByTestId('normative-dispose').click();
    const d = page.getByTestId('normative-disposition-form');
    await d.getByText('部分采纳', { exact: true }).click();
    await d.getByLabel('理由').fill('临时集市另行规定');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^确\s?定$/ })
      .click();
    await d.waitFor({ state: 'detached' });
    await comments.getByText('临时集市另行规定').waitFor();
    await signOut(page);
  });

  it('closes the comment period only once it has ended (the server ten days later), then sends the draft to review', async () => {
    // Still 2026-11-02: the period runs to 2026-11-11, so closing it is refused with the reason.
    await signIn(page, stack.url, 'unitadmin');
    await page.goto(draftUrl);
    await step('征求意见结束');
    await page.getByTestId('step-form-submit').click();
    await page.getByText('征求意见期限尚未届满').first().waitFor();
    await page.keyboard.press('Escape');
    await signOut(page);

    await stack.restartAt(AFTER_COMMENT);
    await setBrowserClock(page.context(), e2eNow());
    await signIn(page, stack.url, 'unitadmin');
    await page.goto(draftUrl);
    await step('征求意见结束');
    await submitStep('起草中');
    // comment held and every comment disposed of: the draft goes to legality review without a recorded exception
    const unitadmin = await apiLogin(stack.url, 'unitadmin');
    docId = draftUrl.split('/').pop()!;
    await unitadmin.call('POST', `/api/workflow/cases/${docId}/transitions/submitReview`, {
      materials: [{ name: '草案' }, { name: '起草说明' }, { name: '征求意见采纳情况' }],
    });
    await page.reload();
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('合法性审查中');
    await signOut(page);
    justiceApi = await apiLogin(stack.url, 'justice'); // the earlier session lapsed on the new clock
  });

  it('reviews, numbers, publishes and files the document; the portal finds it', async () => {
    const unitadmin = await apiLogin(stack.url, 'unitadmin');
    // the unit's legal staff review it from the queue
    await signIn(page, stack.url, 'reviewer');
    await openMenu('合法性审查', '审查事项');
    const queue = page.getByTestId('legality-queue');
    await queue.getByText(TITLE).waitFor();
    await queue
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByTestId('case-link')
      .click();
    const form = await step('单位法制机构审查通过，报送司法局审查');
    await choose(page, form, '审查结论', '通过');
    await form.getByLabel('审查意见（理由）').fill(pass.reasons);
    await form.getByLabel('法律依据').fill(pass.basis);
    await submitStep('司法局审查中');
    await signOut(page);

    const reviews = await justiceApi.call<{ items: { id: string; title: string }[] }>(
      'GET',
      '/api/workflow/cases?type=legality.review&page=1&pageSize=50',
    );
    const review = reviews.items.find((r) => r.title.includes(TITLE))!;
    await justiceApi.call('POST', `/api/workflow/cases/${review.id}/transitions/justicePass`, pass);
    await unitadmin.call('POST', `/api/workflow/cases/${docId}/transitions/reviewFinished`, {});
    const leader = await apiLogin(stack.url, 'leader');
    await leader.call('POST', `/api/workflow/cases/${docId}/records/collective-discussion`, {
      meetingType: '区政府常务会议',
      date: e2eToday(),
      attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }],
      opinions: [
        { name: '何区长', opinion: '同意' },
        { name: '王副区长', opinion: '同意' },
        { name: '李副区长', opinion: '同意' },
      ],
      chairStatement: '审议通过',
      result: 'approved',
    });

    // numbering by the justice bureau
    await signIn(page, stack.url, 'justice');
    await page.goto(`${stack.url}/admin/cases/${docId}`);
    await step('统一登记、统一编号');
    await submitStep('已登记编号，待公布');
    await page.getByRole('tab', { name: '登记、公布与备案' }).click();
    await expect(page.getByTestId('normative-registration').textContent()).resolves.toMatch(
      /示范府规〔2026〕\d+号/,
    );
    await signOut(page);

    // publication and filing by the drafting unit
    await signIn(page, stack.url, 'unitadmin');
    await page.goto(`${stack.url}/admin/cases/${docId}`);
    const pub = await step('统一印发并公布');
    await typeDate(pub, '公布日期', e2eToday());
    await typeDate(pub, '施行日期', e2eToday());
    await pub.getByLabel('公布载体').fill('示范区人民政府网站');
    await submitStep('已公布，待报送备案');
    const filing = await step('报送备案（上一级人民政府、本级人大常委会）');
    await typeDate(filing, '报送备案日期', e2eToday());
    await choose(page, filing, '备案机关', '上一级人民政府');
    await page.keyboard.press('Escape');
    await submitStep('备案审查中');
    await signOut(page);
    await justiceApi.call('POST', `/api/workflow/cases/${docId}/transitions/acceptFiling`, {
      acceptedOn: e2eToday(),
    });

    // the portal's search finds it by words, and shows it in force
    await page.goto(`${stack.url}/public/normative`);
    const search = page.getByPlaceholder('输入词语或短语，检索现行有效文件的标题和正文');
    await search.fill('农贸 市场');
    await search.press('Enter');
    await page.getByTestId('public-normative-documents').getByRole('link', { name: TITLE }).click();
    await expect(page.getByTestId('public-normative-status').textContent()).resolves.toBe('现行有效');
    await expect(page.getByTestId('public-normative-text').textContent()).resolves.toContain(
      '规范示范区农贸市场管理',
    );
  });

  it('lists it in the quarterly filing catalogue', async () => {
    await signIn(page, stack.url, 'justice');
    await openMenu('规范性文件', '备案目录');
    await page.getByTestId('normative-catalogue').getByText(TITLE).waitFor();
  });

  it('repeals it in a cleanup campaign and publishes the results on the portal', async () => {
    await openMenu('规范性文件', '文件清理');
    await page.getByTestId('cleanup-open').click();
    const open = page.getByTestId('cleanup-open-form');
    await open.getByLabel('清理名称').fill('2026年度行政规范性文件清理');
    await open.getByLabel('清理原因').fill('定期清理');
    await page.getByTestId('cleanup-open-submit').click();
    await open.waitFor({ state: 'detached' });
    const items = page.getByTestId('cleanup-items');
    await items.getByText(TITLE).waitFor();
    await items
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByTestId('cleanup-decide')
      .click();
    const d = page.getByTestId('cleanup-decision-form');
    await d.getByText('废止', { exact: true }).click();
    await d.getByLabel('理由').fill('上位法已修改，规定已不适应');
    await page.getByTestId('cleanup-decision-submit').click();
    await d.waitFor({ state: 'detached' });
    await items.getByText('上位法已修改，规定已不适应').waitFor();
    await page.getByTestId('cleanup-publish').click();
    await page.getByRole('button', { name: /^公\s?布$/ }).click();
    await expect.poll(async () => page.getByTestId('cleanups').textContent()).toContain('已公布');

    const doc = await justiceApi.call<{ state: string }>('GET', `/api/workflow/cases/${docId}`);
    expect(doc.state).toBe('repealed');
    await signOut(page);
    await page.goto(`${stack.url}/public/normative/documents/${docId}`);
    await expect(page.getByTestId('public-normative-status').textContent()).resolves.toBe('已废止');
    await page.goto(`${stack.url}/public/normative?tab=cleanups`);
    const published = page.getByTestId('public-normative-cleanups');
    await published.getByText(TITLE).waitFor();
    await expect(published.textContent()).resolves.toContain('废止 1 件');
  });
});
