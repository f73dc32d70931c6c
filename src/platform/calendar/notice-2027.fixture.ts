/**
 * TEST DATA, NOT AN OFFICIAL TEXT: a plausible 2027 holiday notice written for the tests in the official format
 * (the real 2027 notice is expected around November 2026). The document number and dates are invented; the
 * weekdays, lunar dates (除夕 2027-02-05) and the 2025 rules (春节 from 除夕, a Wednesday festival alone) are
 * consistent. Never load it into a real system.
 */
export const testNotice2027 = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假1天，不调休。
六、中秋节：9月15日（周三）放假1天，不调休。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2026年11月10日`;

/** The same notice with three mistakes: a wrong weekday, a wrong day count and a make-up day on a weekday. */
export const brokenNotice2027 = testNotice2027
  .replace('1月1日（周五）至3日（周日）', '1月1日（周四）至3日（周日）')
  .replace('至5日（周一）放假，共3天。', '至5日（周一）放假，共4天。')
  .replace('4月25日（周日）', '4月26日（周一）');
