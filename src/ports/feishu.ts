// Feishu as the bot sees it: the OpenAPI calls (implemented as plain HTTPS in feishu/api.ts) and how a
// failed call is classified. Features ask for the narrow parts below; the runtime's sender uses the rest.

export type ReceiveIdType = 'open_id' | 'chat_id' | 'user_id' | 'union_id' | 'email';

/** Outbound Feishu operations the bot uses. Implemented with the SDK in feishu/api.ts. */
export interface FeishuApi {
  sendMessage(p: {
    receiveIdType: ReceiveIdType;
    receiveId: string;
    msgType: string;
    content: string;
    uuid: string;
  }): Promise<{ messageId: string }>;
  replyMessage(p: { messageId: string; msgType: string; content: string; uuid: string }): Promise<{ messageId: string }>;
  patchMessage(p: { messageId: string; content: string }): Promise<void>;
  uploadFile(p: { fileName: string; data: Buffer }): Promise<{ fileKey: string }>;
  downloadResource(p: { messageId: string; fileKey: string; type: 'file' | 'image'; maxBytes: number }): Promise<Buffer>;
  getUser(openId: string): Promise<{ openId: string; name?: string | undefined; mobile?: string | undefined } | null>;
  /** Mobile numbers to open_ids; numbers Feishu does not know are absent from the map. */
  resolveMobiles(mobiles: string[]): Promise<Map<string, string>>;
  getBotInfo(): Promise<{ openId: string; name?: string | undefined }>;
  /** Forget the cached tenant_access_token so the next call fetches a new one (after 99991663). */
  invalidateToken(): Promise<void>;
}

/**
 * How a failed Feishu call should be treated; decided once, in feishu/errors.ts. `card_rejected`: Feishu
 * refused the card itself (too big, too many elements, invalid JSON); sending it again can never work.
 */
export type FeishuFailureKind = 'rate_limited' | 'token_expired' | 'transient' | 'permanent' | 'card_rejected';

export class FeishuCallError extends Error {
  override readonly name = 'FeishuCallError';
  constructor(
    message: string,
    readonly kind: FeishuFailureKind,
    readonly details: { status?: number | undefined; code?: number | undefined; retryAfterMs?: number | undefined },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Files and images people sent (package attachments, spreadsheets). */
export type FeishuFiles = Pick<FeishuApi, 'downloadResource'>;
/** Names and mobile numbers of people in the tenant. */
export type FeishuDirectory = Pick<FeishuApi, 'getUser' | 'resolveMobiles'>;
