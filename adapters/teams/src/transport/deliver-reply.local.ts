import type { CommandReply, ReplySurface, View } from '@muster/core';

/**
 * The transport's one call site for showing a core reply. Core's `deliverReply(reply, surface)` (the
 * seam) takes its place when merged; until then this does the same in the simplest way: the form, the
 * view (replacing the original when asked and possible), and a document as text when it cannot be
 * attached.
 */
export async function deliverReply(reply: CommandReply, surface: ReplySurface): Promise<void> {
  if (reply.form && surface.openForm) await surface.openForm(reply.form);
  if (reply.view) {
    if (reply.replaceOriginal && surface.replace) await surface.replace(reply.view);
    else await surface.show(reply.view, reply.visibility);
  }
  if (reply.document) {
    if (surface.attach) await surface.attach(reply.document);
    else await surface.show(documentView(reply.document), reply.visibility);
  }
}

const documentView = (d: NonNullable<CommandReply['document']>): View => ({
  fallback: d.title,
  blocks: [{ type: 'header', text: d.title }, { type: 'text', text: [d.markdown] }],
});
