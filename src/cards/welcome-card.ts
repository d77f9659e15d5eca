import { may, type Person } from '../domain/people.ts';
import { button, crossValues } from './actions.ts';
import { subtitleOf } from './help-card.ts';
import { buttonRow } from './parts.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

export const INTRO =
  '我帮助全市各机关事业单位在飞书里完成年度**培训计划申报**：填报培训班、查看审核意见、按时修改，并提醒报送培训执行情况。';

export function welcomeCard(p: { person: Person | null; unitName: string | null; linkHint: string; deadline?: string | undefined }): CardJson {
  const known = may(p.person, 'declarant') || may(p.person, 'reviewer');
  return renderCard('welcome', {
    greeting: '您好！',
    intro: INTRO,
    status: known ? `**${escapeMarkdown(subtitleOf(p.person, p.unitName))}**` : p.linkHint,
    deadline: p.deadline ?? '',
    linkForm: !known,
    actions: buttonRow([
      ...(may(p.person, 'declarant') ? [button('开始申报', crossValues.declare(), 'primary_filled'), button('表单申报', crossValues.formOpen())] : []),
      button('查看我能做什么', { a: 'help' }, known ? 'default' : 'primary'),
    ]),
  });
}
