import { definePermissions } from '../../platform/access/index.ts';

export const DisclosurePermissions = definePermissions(
  'disclosure',
  {
    'disclosure.request.read': '查看政府信息公开申请',
    'disclosure.request.create': '登记政府信息公开申请',
    'disclosure.request.handle': '办理政府信息公开申请（补正、征求意见、延期、答复、办结）',
    'disclosure.request.review': '对政府信息公开答复进行法制审核',
    'disclosure.request.approve': '审批延期答复',
  },
  '政府信息公开',
);
