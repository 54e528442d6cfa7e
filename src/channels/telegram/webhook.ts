import type { Update } from 'grammy/types';
import type { RouteHandler } from '../../http/server';
import type { Logger } from '../../logger';
import { readWebhookBody, type WebhookInbox, webhookSecretMatches } from '../webhook-inbox';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** An update is small JSON; a file is fetched later by its id. */
const MAX_WEBHOOK_BODY = 1024 * 1024;

/**
 * Telegram's webhook endpoint: checks the secret, stores the update in the inbox and answers 200
 * at once; the update is handled in the background (see webhook-inbox.ts). Answers 500 only when
 * the store refused the update, so that Telegram delivers it again.
 */
export function telegramWebhookHandler(inbox: WebhookInbox, secret: string, logger: Logger): RouteHandler {
  return async (request, response) => {
    if (!webhookSecretMatches(request.headers[SECRET_HEADER], secret)) {
      request.resume();
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('Unauthorized');
      return;
    }
    let update: Update;
    try {
      update = JSON.parse((await readWebhookBody(request, MAX_WEBHOOK_BODY)).toString('utf8')) as Update;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
      return;
    }
    const chatId =
      update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id;
    try {
      await inbox.receive({
        updateId: update.update_id,
        chatId: chatId === undefined ? `update-${update.update_id}` : String(chatId),
        seq: update.update_id,
        payload: update,
      });
    } catch (error) {
      logger.error(
        { err: error, update_id: update.update_id },
        'telegram: update not stored; Telegram will resend it',
      );
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
}
