// A database with a row in every table, as a city's looks after a season: units and their people, plans
// with their audit trail, classes and their steps, files, queued and delivered messages. For the tests of
// what copies whole databases (db:backup, db:copy), written straight through Prisma.
import type { Db } from '../../src/db/prisma.ts';

const at = (s: string) => new Date(`${s}+08:00`);

export async function seedFullDb(db: Db, o: { plans?: number } = {}): Promise<void> {
  const plans = o.plans ?? 30;
  await db.unit.createMany({
    data: [
      { code: '101001', name: '柳州市人力资源和社会保障局', staffCount: 130, contactName: '李明', contactMobile: '13800001111', contactOpenId: 'ou_decl00000001' },
      { code: '101002', name: '柳州市人才服务中心', parentCode: '101001', staffCount: 20 },
      { code: '102001', name: '柳州市财政局', staffCount: 90, contactMobile: '13900002222' },
    ],
  });
  await db.user.createMany({
    data: [
      { openId: 'ou_decl00000001', name: '李明', role: 'declarant', unitCode: '101001', mobile: '13800001111', greetedAt: at('2027-03-01T09:00:00') },
      { openId: 'ou_rev000000001', name: '王芳', role: 'reviewer' },
      { openId: 'ou_admin0000001', name: '张伟', role: 'admin', unitCode: '102001' },
      { openId: 'ou_unknown00001' },
    ],
  });
  await db.trainingBase.create({ data: { name: '柳州市委党校', city: '柳州市', aliases: '["市委党校"]' } });
  await db.calendarDay.create({ data: { date: '2027-04-09', kind: 'holiday', name: '三月三' } });
  await db.holidayNotice.create({
    data: { year: 2027, status: 'imported', text: '国务院办公厅关于2027年部分节假日安排的通知……', contentHash: 'h1', channel: 'cli', createdBy: 'ou_admin0000001', createdAt: at('2026-11-10T10:00:00'), importedBy: 'ou_admin0000001', importedAt: at('2026-11-10T10:05:00') },
  });
  await db.campaign.create({
    data: { year: 2027, opensAt: at('2027-03-01T00:00:00'), declareClosesAt: at('2027-03-31T18:00:00'), reviseClosesAt: at('2027-04-15T18:00:00'), backfillClosesAt: at('2027-12-31T18:00:00') },
  });
  for (let i = 1; i <= plans; i++) {
    const created = at('2027-03-02T10:00:00');
    const plan = await db.plan.create({
      data: {
        year: 2027, seq: i, number: `2027-${String(i).padStart(3, '0')}`, unitCode: '101001', budgetCode: i % 2 ? '101001' : '101002',
        status: 'APPROVED', version: 3, data: JSON.stringify({ name: `第${i}期干部能力提升培训班`, trainees: 40 + i, days: 3 }),
        createdBy: 'ou_decl00000001', createdAt: created, updatedAt: at('2027-03-20T15:00:00'), submittedAt: at('2027-03-05T11:00:00'),
      },
    });
    await db.planEvent.createMany({
      data: [
        { planId: plan.id, at: created, actor: 'ou_decl00000001', action: 'create', toStatus: 'DRAFT', channel: 'chat' },
        { planId: plan.id, at: at('2027-03-05T11:00:00'), actor: 'ou_decl00000001', action: 'submit', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', channel: 'excel', changes: '[{"field":"trainees","from":40,"to":41}]' },
        { planId: plan.id, at: at('2027-03-20T15:00:00'), actor: 'ou_rev000000001', action: 'approve', fromStatus: 'SUBMITTED', toStatus: 'APPROVED', channel: 'card', comment: '同意', details: '{"fields":[]}' },
      ],
    });
    await db.reviewNotice.create({ data: { planId: plan.id, planVersion: 2, stage: 'review', outboxKey: `review:${plan.id}:2`, createdAt: at('2027-03-05T11:00:01') } });
    const cls = await db.trainingClass.create({
      data: { planId: plan.id, seq: 1, startDate: '2027-05-10', endDate: '2027-05-12', source: 'chat', createdBy: 'ou_decl00000001', createdAt: at('2027-04-20T09:00:00'), updatedAt: at('2027-04-20T09:00:00') },
    });
    await db.classStep.createMany({
      data: [1, 2].map((step) => ({
        classId: cls.id, step, status: step === 1 ? 'submitted' : 'done', data: '{"attendees":42}', flags: step === 1 ? '[]' : null,
        reportedAt: at('2027-05-13T10:00:00'), reportedBy: 'ou_decl00000001', updatedAt: at('2027-05-13T10:00:00'), source: 'chat',
      })),
    });
    if (i <= 3) {
      await db.attachment.create({
        data: { planId: plan.id, classId: cls.id, scope: `class:${cls.id}`, kind: 'package', fileName: '签到表.pdf', size: 2048, sha256: `sha-${i}`, data: new Uint8Array(2048).fill(i), uploadedBy: 'ou_decl00000001', createdAt: at('2027-05-13T10:00:00') },
      });
    }
  }
  await db.conversation.create({ data: { openId: 'ou_decl00000001', flow: 'declare', state: '{"step":"name"}', updatedAt: at('2027-03-02T10:00:00') } });
  await db.linkRequest.create({ data: { openId: 'ou_decl00000001', unitCode: '101001', status: 'approved', createdAt: at('2027-02-28T09:00:00'), decidedBy: 'ou_admin0000001', decidedAt: at('2027-02-28T10:00:00') } });
  await db.unitYear.create({ data: { unitCode: '102001', year: 2027, noPlanAt: at('2027-03-10T09:00:00'), noPlanBy: 'ou_admin0000001' } });
  await db.excelImport.create({
    data: { openId: 'ou_decl00000001', unitCode: '101001', year: 2027, contentHash: 'c1', fileName: '申报表.xlsx', plans: '[]', status: 'imported', planNumbers: '2027-001', createdAt: at('2027-03-04T09:00:00'), importedAt: at('2027-03-04T09:01:00') },
  });
  await db.reminderLog.create({ data: { key: 'ou_decl00000001:2027-03-30T09:00', recipient: 'ou_decl00000001', slots: '["declare-1d"]', items: '[]', createdAt: at('2027-03-30T09:00:00') } });
  await db.fileIntent.create({ data: { openId: 'ou_decl00000001', kind: 'package', targetId: 1, expiresAt: at('2027-05-13T11:00:00') } });
  await db.sendSlot.createMany({ data: [1, 2].map((k) => ({ lane: `user:ou_decl0000000${k}`, takenAt: at('2027-03-02T10:00:00'), endsAt: at('2027-03-02T10:00:01'), done: k === 1 })) });
  await db.jobLease.create({ data: { job: 'reminders', slot: at('2027-03-02T09:00:00'), instance: 'host-a:1234', takenAt: at('2027-03-02T09:00:00') } });
  await db.inboundEvent.createMany({
    data: Array.from({ length: 12 }, (_, k) => ({
      dedupKey: `msg:om_${k}`, kind: 'message', eventId: `ev_${k}`, lane: 'user:ou_decl00000001', payload: JSON.stringify({ kind: 'message', text: `申报 ${k}` }),
      status: k < 10 ? 'done' : 'pending', attempts: 1, availableAt: at('2027-03-02T10:00:00'), receivedAt: at('2027-03-02T10:00:00'), processedAt: k < 10 ? at('2027-03-02T10:00:01') : null,
    })),
  });
  await db.outboxMessage.createMany({
    data: [
      ...Array.from({ length: 12 }, (_, k) => ({
        idempotencyKey: `reply:${k}`, kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_decl00000001', msgType: 'text', content: JSON.stringify({ text: `收到 ${k}` }),
        lane: 'user:ou_decl00000001', status: 'sent', attempts: 1, availableAt: at('2027-03-02T10:00:01'), createdAt: at('2027-03-02T10:00:01'), sentAt: at('2027-03-02T10:00:02'), sentMessageId: `om_s${k}`,
      })),
      { idempotencyKey: 'file:1', kind: 'file', fileName: '汇总表.xlsx', fileData: new Uint8Array([80, 75, 3, 4, 0, 255]), lane: 'user:ou_rev000000001', status: 'failed', attempts: 5, lastError: 'HTTP 500', availableAt: at('2027-03-21T09:00:00'), createdAt: at('2027-03-21T09:00:00') },
    ],
  });
}
