import { isMusterError } from '../../errors';
import type { CommandReply } from '../commands/command-reply';
import { documentNotAttachedNotice, documentUnavailableNotice, formNotOpenedNotice } from '../views/inbound-notices.view';
import type { View } from '../views/view';
import { withRateLimitRetries } from './rate-limit-retries';
import type { ReplySurface } from './inbound.port';

export interface DeliveryOptions {
  /**
   * The reply's view was already shown before delivery began: Slack puts a command's view in the
   * HTTP answer itself, so only the form and the document are left to deliver.
   */
  readonly viewShown?: boolean;
  /** The requester's prefix, for the plain fallback of the notices delivery may show. */
  readonly prefix?: string;
}

/** One part of a reply that could not be delivered, even through its fallback. */
export interface DeliveryFailure {
  readonly part: 'view' | 'form' | 'document';
  readonly error: unknown;
}

/**
 * Delivers core's reply on one platform's surface, the same way everywhere: the view (replacing the
 * pressed message when the reply says so and the surface can), the refreshed incident card where the
 * surface redraws it for the presser, then the document, then the form.
 * Each part is independent: one that fails does not stop the others. A form that cannot open and a
 * document that cannot be attached are told to the requester (inbound-notices.view.ts); without a
 * conversation, views go to the requester directly. Each surface call is retried after a 429 (it did
 * nothing), never after any other failure (it might have been done). In that order so a console
 * reads the answer before it is asked to fill a form; Slack's forms come from replies without views.
 * Resolves with what could not be delivered at all, for the caller to log; never rejects.
 */
export async function deliverReply(reply: CommandReply, surface: ReplySurface, options: DeliveryOptions = {}): Promise<DeliveryFailure[]> {
  const failures: DeliveryFailure[] = [];
  const part = async (name: DeliveryFailure['part'], work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures.push({ part: name, error });
    }
  };
  const { view, form, document } = reply;
  if (view && !options.viewShown) {
    await part('view', () => (reply.replaceOriginal && surface.replace ? retried(() => surface.replace!(view)) : showView(surface, view, reply.visibility)));
  }
  if (reply.refreshedCard && surface.redraw) {
    const card = reply.refreshedCard;
    await part('view', () => retried(() => surface.redraw!(card)));
  }
  if (document) {
    await part('document', async () => {
      if (!surface.attach) return showView(surface, documentUnavailableNotice(document.filename), 'ephemeral');
      try {
        await retried(() => surface.attach!(document));
      } catch (error) {
        // Our own errors say what happened in words; anything else might carry what must not be shown.
        await showView(surface, documentNotAttachedNotice(document.filename, isMusterError(error) ? error.message : undefined), 'ephemeral').catch(() => undefined);
        throw error;
      }
    });
  }
  if (form) {
    await part('form', async () => {
      if (!surface.openForm) return showView(surface, formNotOpenedNotice(form, options.prefix), 'ephemeral');
      try {
        await retried(() => surface.openForm!(form));
      } catch (error) {
        await showView(surface, formNotOpenedNotice(form, options.prefix), 'ephemeral').catch(() => undefined);
        throw error;
      }
    });
  }
  return failures;
}

/** In the conversation, or directly to the requester when the request came from none. */
function showView(surface: ReplySurface, view: View, visibility: CommandReply['visibility']): Promise<void> {
  if (surface.hasConversation === false && surface.direct) return retried(() => surface.direct!(view));
  return retried(() => surface.show(view, visibility));
}

const retried = (work: () => Promise<void>): Promise<void> => withRateLimitRetries(work);

/** Failures as one line for a log: which parts, and their messages (platform errors are redacted by their adapter). */
export function describeFailures(failures: readonly DeliveryFailure[]): string {
  return failures.map((f) => `${f.part}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('; ');
}
