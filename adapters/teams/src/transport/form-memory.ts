import type { FormView } from '@muster/core';
import { BoundedMemory } from './bounded-memory';

/**
 * The forms this process showed, so one core refuses (a title too short) can be shown again with its
 * errors: a card submission carries the values, not the form. Forgotten after a restart; then the
 * errors are said in words and the card stays as it was. Per instance, so behind a load balancer a
 * submission reaching another instance gets that same fallback: degraded wording, never a lost change.
 */
export class FormMemory {
  private readonly forms = new BoundedMemory<FormView>(2_000);

  remember(form: FormView): void {
    this.forms.set(keyOf(form.formId, form.privateMetadata), form);
  }

  recall(formId: string, metadata: string | undefined): FormView | undefined {
    return this.forms.get(keyOf(formId, metadata));
  }
}

const keyOf = (formId: string, metadata: string | undefined): string => `${formId}\u0000${metadata ?? ''}`;
