// Chinese texts the bot says in chat. Every problem says what to do next.
import { escapeMarkdown } from '../cards/render.ts';
import { formatDateTime, formatShortDateTime } from '../domain/dates.ts';
import type { InboundEvent } from '../inbound.ts';

/** How a person recognises what failed: 您发送的文件「申报表.xlsx」, 您发送的「申报」, 刚才点的菜单. */
function whatWasSent(ev: InboundEvent): string {
  if (ev.kind === 'menu') return '刚才点的菜单';
  if (ev.kind === 'p2p_entered') return '打开会话时的欢迎消息';
  if (ev.file) return `您发送的${ev.file.type === 'image' ? '图片' : `文件「${ev.file.fileName}」`}`;
  const t = ev.text ?? '';
  return t ? `您发送的「${t.length > 20 ? `${t.slice(0, 20)}…` : t}」` : '您刚才发送的消息';
}

export const T = {
  unknownPerson: (openId: string) =>
    [
      '您好！我是「培训计划申报助手」，帮助全市各机关事业单位在飞书里申报年度培训计划、查看审核结果、按时报送培训执行情况。',
      '',
      '您的飞书账号还没有关联到任何单位，所以暂时还不能申报。关联方法：',
      '发送「绑定 预算单位代码」申请关联本单位，例如：绑定 101001。管理员确认后即可申报。',
      '（预算单位代码须与财政预算管理一体化系统中的一致，可向本单位财务人员查询。）',
      '',
      `如需管理员直接为您关联，请把这行发给管理员：我的飞书编号 ${openId}`,
      '本单位在财政局单位名册中登记的培训联系人，名册导入后会自动关联。',
      '随时发送「帮助」查看我能做什么。',
    ].join('\n'),
  linkHintMarkdown: (openId: string) =>
    [
      '**您的飞书账号还没有关联单位。** 在下面填写本单位的预算单位代码申请关联，管理员确认后即可申报。',
      `（也可以把这行发给管理员：我的飞书编号 ${escapeMarkdown(openId)}）`,
    ].join('\n'),
  linkPending: (p: { unitCode: string; unitName: string | null; createdAt: Date }) =>
    `您的关联申请已提交（${formatDateTime(p.createdAt)}，${p.unitName ? `「${p.unitName}」（${p.unitCode}）` : `单位 ${p.unitCode}`}），正在等待管理员确认，确认后会通知您，之后即可申报。如等待较久，请联系市人力资源社会保障局职建科（0772-2825472）。`,
  notUnderstood: (text: string) =>
    `没有看懂「${text.length > 20 ? `${text.slice(0, 20)}…` : text}」。发送「帮助」查看可以使用的指令。`,
  notAllowed: (word: string) => `「${word}」只有相应权限的人员可以使用。发送「帮助」查看您可以使用的指令。`,
  fileNotPlaced: (file: { fileName: string; type: 'file' | 'image' }, admin: boolean, declarant: boolean) => {
    const what = file.type === 'image' ? '这张图片' : `「${file.fileName}」`;
    const can = [
      ...(declarant ? ['申报表（发送「模板」获取）', '补录表（发送「补录」获取）'] : []),
      ...(admin ? ['单位名册（须有「预算单位代码」「单位名称」「上级单位代码」「在编人数」几列）', '培训基地名单（「基地名称」「所在城市」两列）'] : []),
    ];
    return `收到${what}，但没有认出它是哪种表格，没有导入。${can.length ? `我能读的表格：${can.join('、')}，请检查表头是否与模板一致。` : ''}培训包附件和情况说明请先发送「执行」或「上传情况说明 计划编号」，再发文件。`;
  },
  unsupportedMessage: '我能读懂文字消息和 Excel 申报表（.xlsx）。请直接发送文字指令，例如「帮助」，或发送「模板」获取申报表。',
  unknownMenu: '这个菜单项暂时不可用。发送「帮助」查看可以使用的指令。',
  answeredPrivately: (word: string) => `「${word}」的结果已私信发给您（群里的其他人看不到）。`,
  unknownInGroup: '您的飞书账号还没有关联单位。关联方法已私信发给您。',
  /** After the last attempt at an event failed: says what was not done, never that anything was kept. */
  /** Before the answer to a command that reached the bot long after it was sent. */
  lateDelivery: (ev: InboundEvent, sentAtMs: number, lateByMs: number) => {
    const what = ev.kind === 'menu' ? '点的菜单' : whatWasSent(ev).replace(/^您(刚才)?/, '');
    const minutes = Math.round(lateByMs / 60_000);
    return `您在 ${formatShortDateTime(new Date(sentAtMs))} ${what}，机器人 ${formatShortDateTime(new Date(sentAtMs + lateByMs))} 才收到（晚了约 ${minutes} 分钟，与飞书的连接中断过）。下面是按收到时的情况给出的答复；如果已不是您要的，请重新发送。`;
  },
  giveUp: (ev: InboundEvent) => `抱歉，${whatWasSent(ev)}没有处理成功。请稍后再发一次；如果仍然不行，请联系系统管理员。`,
  helpSent: '已发送使用说明',
  fileQueued: (ahead: number) => `文件已收到，前面还有 ${ahead} 个文件在处理，请稍候，处理完会马上告诉您结果。`,
  quarantinedFile: (name: string) =>
    `您发送的文件「${name}」无法处理，已停止重试，管理员已收到通知。请检查文件后重新发送：只保留申报表工作表和填写的行，另存为新的 .xlsx 文件。您的其他消息不受影响，可以继续使用。`,
  quarantinedText: (text: string) =>
    `您发送的消息「${text.length > 20 ? `${text.slice(0, 20)}…` : text}」无法处理，已停止重试，管理员已收到通知。您的其他消息不受影响，可以继续使用。`,
  quarantinedOther: '您刚才的操作无法处理，已停止重试，管理员已收到通知。您的其他消息不受影响，可以继续使用。',
  staleButton: '这个按钮已失效，请发送「帮助」重新开始。',
  /** A click outside the route's audience: one answer per audience, wherever it was. */
  refusals: {
    declarant: '您还没有关联单位。发送「帮助」查看怎么关联。',
    reviewer: '只有市工作领导小组办公室的审核人员可以操作',
    admin: '只有系统管理员可以操作',
  },
};
