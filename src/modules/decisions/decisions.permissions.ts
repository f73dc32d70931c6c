import { definePermissions } from '../../platform/access/index.ts';

export const DecisionPermissions = definePermissions(
  'decisions',
  {
    'decisions.catalogue.read': '查看重大行政决策事项目录',
    'decisions.catalogue.manage': '编制、公布和调整重大行政决策事项目录',
    'decisions.decision.read': '查看重大行政决策（含起草中的决策草案）',
    'decisions.decision.handle':
      '承办重大行政决策（公众参与、专家论证、风险评估、报送合法性审查、公布、执行情况报告、后评估、归档）',
    'decisions.decision.discuss': '记录重大行政决策集体讨论并作出决定',
  },
  '重大行政决策',
);
