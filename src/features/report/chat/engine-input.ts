import { vi } from '../../../conversation/common-texts';
import type { InboundContent, Outbound } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { EngineInput, EngineState } from '../../../engine';
import type { AttachmentStore } from '../../../store/attachment-store';
import type { ReportCursor } from '../report-service';

export interface EngineInputDeps {
  attachments: AttachmentStore;
  maxAttachmentBytes: number;
}

/**
 * Turns a message into an engine input; a file is checked (expected here, not too large) and
 * stored first. Messages for the contact instead of an input when the file is refused.
 */
export async function toEngineInput(
  deps: EngineInputDeps,
  turn: Turn,
  current: ReportCursor,
  state: EngineState,
  content: InboundContent,
): Promise<EngineInput | Outbound[]> {
  switch (content.type) {
    case 'text':
      return { type: 'text', text: content.text };
    case 'file': {
      const question = current.flow.sections
        .flatMap((section) => section.questions)
        .find((q) => q.id === state.questionId);
      if (question?.type !== 'attachment') {
        if (content.file.kind === 'photo') return { type: 'unsupported', what: 'photo' };
        return [{ text: vi.fileNotExpected }];
      }
      if (content.file.size > deps.maxAttachmentBytes) {
        return [{ text: vi.fileTooLarge(deps.maxAttachmentBytes) }];
      }
      const bytes = await content.file.download();
      if (bytes.length > deps.maxAttachmentBytes) {
        return [{ text: vi.fileTooLarge(deps.maxAttachmentBytes) }];
      }
      const stored = await deps.attachments.save(bytes);
      return {
        type: 'attachment',
        file: {
          platform: turn.inbound.platform,
          fileId: content.file.fileId,
          name: content.file.name,
          size: bytes.length,
          mimeType: content.file.mimeType,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
        },
      };
    }
    case 'unsupported':
      return { type: 'unsupported', what: content.what };
    case 'button':
      return { type: 'button', token: content.data };
    case 'command':
      return { type: 'start' };
  }
}
