// The approval results sheet (approval:import) in the words of its users: column headers, the results as
// written, and what is wrong with a row.
export const APPROVAL_COLUMNS = {
  number: { header: '计划编号', aliases: ['编号'] },
  result: { header: '审批结果', aliases: ['结果', '审批意见'] },
  comment: { header: '意见', aliases: ['备注', '理由'] },
} as const;

export const APPROVED_WORDS = /^(通过|同意|批准|是|√|✓)$/;
export const NOT_APPROVED_WORDS = /^(不通过|未通过|不同意|不批准|否|×|✗)$/;

export const approvalRowProblems = {
  number: (value: string) => `「${value}」不是计划编号，例如 2027-001`,
  result: (value: string) => `「${value}」应为「通过」或「不通过」`,
};
