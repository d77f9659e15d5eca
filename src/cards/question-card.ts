// A question of the guided declaration that has choices: buttons for each choice (typing still works).
import type { ButtonStyle, FeatureButtonValue } from './actions.ts';
import { escapeMarkdown, renderCard, type CardJson } from './render.ts';

/** A choice button: its label, the value its click carries (the caller's route), its look. */
export type Choice = { label: string; value: FeatureButtonValue; style?: ButtonStyle };

export function questionCard(p: {
  label: string;
  progress: string;
  question: string;
  notes: string | null;
  choices: Choice[];
  /** Once answered, the card shows the answer instead of the buttons. */
  chosen?: string | undefined;
}): CardJson {
  return renderCard('question', {
    summary: `请选择${p.label}`,
    title: p.label,
    progress: p.progress,
    notes: p.notes ?? '',
    question: escapeMarkdown(p.question),
    choices: p.chosen ? [] : p.choices.map((c) => ({ label: c.label, value: c.value, style: c.style ?? 'default' })),
    chosen: p.chosen ? `已选择：**${escapeMarkdown(p.chosen)}**` : '',
    hint: p.chosen ? '可随时发送「修改 某项」更改。' : '点选，或直接回复文字。发送「上一步」「修改 某项」「跳过」「取消」「帮助」随时调整。',
  });
}
