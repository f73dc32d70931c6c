import type { CaseTypeUi } from '../../shared/workflow/labels.ts';

export const LEGALITY_TYPE = 'legality.review';

/** 审查结论 and 审查阶段 (as the server's OPINION_OUTCOMES and STAGE_LABELS). */
export const OPINION_OUTCOMES: Record<string, string> = {
  pass: '通过',
  'pass-with-changes': '修改后通过',
  fail: '不通过',
};
export const STAGES: Record<string, string> = { unit: '单位法制机构审查', justice: '司法局审查' };

/** Chinese names for the legality review's facts and steps (legality.workflow.ts on the server). */
export const LEGALITY_UI: CaseTypeUi = {
  fields: {
    kind: '审查类型',
    subject: '审查对象',
    'subject.type': '对象类型',
    'subject.id': '对象编号',
    title: '审查事项',
    materials: '送审材料',
    'materials.name': '材料名称',
    'materials.note': '说明',
    description: '情况说明',
    outcome: '审查结论',
    reasons: '审查意见（理由）',
    basis: '法律依据',
    opinions: '审查意见',
    'opinions.stage': '审查阶段',
    'opinions.outcome': '审查结论',
    'opinions.reasons': '审查意见',
    'opinions.basis': '法律依据',
    justiceStarted: '已报送司法局',
  },
  stepFields: {
    unitReturn: { reasons: '需补充的材料及理由' },
    justiceReturn: { reasons: '需补充的材料及理由' },
    withdraw: { reason: '撤回理由' },
  },
  enums: {
    kind: {
      'normative-document': '行政规范性文件',
      'major-decision': '重大行政决策',
      contract: '合同（协议）',
      'enforcement-decision': '重大执法决定',
      other: '其他',
    },
    outcome: OPINION_OUTCOMES,
    stage: STAGES,
    'subject.type': {
      'enforcement.penalty-case': '行政处罚案件（法制审核）',
      'normative.document': '行政规范性文件',
      'decisions.decision': '重大行政决策',
    },
  },
  stepHelp: {
    unitPass: '单位法制机构审查通过（或修改后通过）后，报送司法局进行第二道审查。',
    unitPassFinal: '该类事项只需单位法制机构审查。',
    unitFail: '审查不通过的，送审事项不得提交审议或作出决定。',
    justicePass: '司法局审查意见为最终审查意见，送审程序可据此继续。',
    justiceFail: '审查不通过的，送审事项不得提交审议或作出决定。',
  },
  hiddenFacts: ['justiceStarted'],
};
