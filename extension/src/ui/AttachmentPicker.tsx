import { Attachment, LIMITS } from '@chatroom/shared';
import type { ComponentChildren, HTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { FilesContext } from './Attachments';
import { tooLargeText, uploadFailureText } from './error-text';
import { formatBytes } from './file-size';
import { prepareForUpload, reencodes } from './image-scaling';
import { ServerFiles, UploadCancelled } from './server-files';
import './attachments.css';

/** A file on its way into the next message: being prepared, uploading, or uploaded and ready to send. */
export interface DraftFile {
  key: number;
  /** What the user chose; kept so that "Send original" can upload it again as it is (none once restored). */
  source?: File;
  name: string;
  size: number;
  state: 'preparing' | 'uploading' | 'ready';
  sent: number;
  /** Once uploaded: what the message will carry. */
  file?: Attachment;
}

/** The files of the message being written, and the uploads that bring them to the server. */
export function useAttachmentDraft(files: ServerFiles, online: boolean) {
  const [items, setItems] = useState<DraftFile[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [sendOriginal, setSendOriginalState] = useState(false);
  const uploads = useRef(new Map<number, AbortController>());
  const nextKey = useRef(1);

  // Leaving the conversation (or closing the page) ends the uploads under way.
  useEffect(() => {
    const running = uploads.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  function update(key: number, change: Partial<DraftFile>) {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  function drop(key: number) {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    setItems((current) => current.filter((item) => item.key !== key));
  }

  async function upload(key: number, source: File, original: boolean) {
    const controller = new AbortController();
    uploads.current.get(key)?.abort();
    uploads.current.set(key, controller);
    const { signal } = controller;
    let shown = { name: source.name, size: source.size };
    try {
      const prepared = await prepareForUpload(source, original);
      shown = { name: prepared.name, size: prepared.size };
      const maxBytes = await files.uploadLimit();
      if (signal.aborted) return;
      if (maxBytes !== undefined && prepared.size > maxBytes) {
        drop(key);
        setErrors((current) => [...current, tooLargeText(shown, maxBytes)]);
        return;
      }
      update(key, { ...shown, state: 'uploading', sent: 0 });
      const answer = await files.upload(prepared, prepared.name, { signal, onProgress: (sent) => update(key, { sent }) });
      const { upload_id: id, ...described } = answer;
      update(key, { name: answer.name, size: answer.size, state: 'ready', file: { id, ...described } });
    } catch (failure) {
      if (failure instanceof UploadCancelled || signal.aborted) return;
      drop(key);
      const text = uploadFailureText(failure, shown, await files.uploadLimit());
      setErrors((current) => [...current, text]);
    } finally {
      if (uploads.current.get(key) === controller) uploads.current.delete(key);
    }
  }

  /** Attaches files (📎, paste, drop): each is prepared and uploaded at once, none while offline. */
  function add(chosen: File[]) {
    if (!chosen.length) return;
    if (!online) {
      setErrors([t('attachOffline')]);
      return;
    }
    const room = LIMITS.attachmentsMax - items.length;
    const taken = chosen.slice(0, Math.max(0, room));
    setErrors(taken.length < chosen.length ? [t('attachTooMany', String(LIMITS.attachmentsMax))] : []);
    const added = taken.map((source) => ({ key: nextKey.current++, source, name: source.name, size: source.size, state: 'preparing' as const, sent: 0 }));
    setItems((current) => [...current, ...added]);
    for (const item of added) void upload(item.key, item.source, sendOriginal);
  }

  /** Images already scaled down go up again as they are (or the other way round); the first upload is left to expire. */
  function setSendOriginal(original: boolean) {
    setSendOriginalState(original);
    for (const item of items) {
      if (!item.source || !reencodes(item.source.type, false)) continue;
      update(item.key, { state: 'preparing', sent: 0, file: undefined });
      void upload(item.key, item.source, original);
    }
  }

  const ready = items.flatMap((item) => (item.state === 'ready' && item.file ? [item.file] : []));
  return {
    items,
    errors,
    sendOriginal,
    setSendOriginal,
    add,
    /** Cancels an upload under way, or takes an uploaded file out of the message. */
    remove: drop,
    dismissErrors: () => setErrors([]),
    /** The files to send, once none is still on its way. */
    ready,
    uploading: items.some((item) => item.state !== 'ready'),
    /** After sending: the message took the files. */
    clear: () => setItems([]),
    /** A send the worker refused: its files are back in the message being written. */
    restore: (sent: Attachment[]) =>
      setItems((current) => [
        ...sent.map((file): DraftFile => ({ key: nextKey.current++, name: file.name, size: file.size, state: 'ready', sent: file.size, file })),
        ...current,
      ]),
  };
}

export type AttachmentDraft = ReturnType<typeof useAttachmentDraft>;

/** The files of a drop or a paste; a paste of text alone has none. */
function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}

/**
 * Dropping files anywhere on the conversation view, or pasting them (an image copied to the
 * clipboard), attaches them. A paste that also has text pastes the text as usual.
 */
function useFileDrop(add: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const handlers: Pick<HTMLAttributes<HTMLElement>, 'onDragOver' | 'onDragLeave' | 'onDrop' | 'onPaste'> = {
    onDragOver: (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (event) => {
      const to = event.relatedTarget as Node | null;
      if (!to || !event.currentTarget.contains(to)) setDragging(false);
    },
    onDrop: (event) => {
      setDragging(false);
      const dropped = filesOf(event.dataTransfer);
      if (!dropped.length) return;
      event.preventDefault();
      add(dropped);
    },
    onPaste: (event) => {
      const pasted = filesOf(event.clipboardData);
      if (!pasted.length) return;
      if (!event.clipboardData?.types.includes('text/plain')) event.preventDefault();
      add(pasted);
    },
  };
  return { dragging, handlers };
}

/**
 * The conversation view's frame: files dropped anywhere on it or pasted into it are attached (when
 * `canAttach`), and the messages inside fetch their files through `files`.
 */
export function FilesFrame(props: { files: ServerFiles; draft: AttachmentDraft; canAttach: boolean; labelledBy: string; children: ComponentChildren }) {
  const drop = useFileDrop(props.draft.add);
  return (
    <FilesContext.Provider value={props.files}>
      <section
        class={drop.dragging ? 'conversation-view dropping' : 'conversation-view'}
        aria-labelledby={props.labelledBy}
        {...(props.canAttach ? drop.handlers : {})}
      >
        {props.children}
      </section>
    </FilesContext.Provider>
  );
}

/** The 📎 button: opens the file chooser. */
export function AttachButton({ draft }: { draft: AttachmentDraft }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="icon attach" aria-label={t('attachButton')} title={t('attachButtonTitle')} onClick={() => input.current?.click()}>
        📎
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          draft.add(Array.from(event.currentTarget.files ?? []));
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}

/** The files of the message being written: progress and Cancel while uploading, Remove once uploaded. */
export function AttachmentTray({ draft }: { draft: AttachmentDraft }) {
  const images = draft.items.some((item) => item.source && reencodes(item.source.type, false));
  if (!draft.items.length && !draft.errors.length) return null;
  return (
    <div class="attachment-tray">
      {draft.items.length > 0 && (
        <ul class="draft-files" aria-label={t('attachTray')}>
          {draft.items.map((item) => (
            <li key={item.key} class={`draft-file ${item.state}`}>
              <span class="file-name" title={item.name}>
                {item.name}
              </span>{' '}
              <span class="muted">{formatBytes(item.size)}</span>
              {item.state === 'ready' ? (
                <button type="button" class="icon" aria-label={t('attachRemove', item.name)} onClick={() => draft.remove(item.key)}>
                  ✕
                </button>
              ) : (
                <>
                  <progress
                    aria-label={t('attachUploading', item.name)}
                    max={item.size || 1}
                    value={item.state === 'uploading' ? item.sent : undefined}
                  />
                  <button type="button" class="secondary small" aria-label={t('attachCancelUpload', item.name)} onClick={() => draft.remove(item.key)}>
                    {t('cancel')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {images && (
        <label class="send-original">
          <input type="checkbox" checked={draft.sendOriginal} onChange={(event) => draft.setSendOriginal(event.currentTarget.checked)} /> {t('attachSendOriginal')}
        </label>
      )}
      {draft.errors.map((text) => (
        <p key={text} class="error" role="alert">
          {text}{' '}
          <button type="button" class="link" onClick={draft.dismissErrors}>
            {t('conversationDismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
