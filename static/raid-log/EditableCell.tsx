// Edit in place: the value reads as text (a button when the user may edit it); activating it
// opens an editor with Save and Cancel. A failed save keeps the editor open with what the user
// entered and says why, in Jira's words.
import Button from '@atlaskit/button/new';
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { escapeClaimed } from '../shared/escape';

const readView = xcss({
  position: 'relative', // holds the visually hidden part of the name
  display: 'block',
  width: '100%',
  textAlign: 'start',
  paddingBlock: 'space.050',
  paddingInline: 'space.050',
  borderRadius: 'radius.small',
  backgroundColor: 'color.background.neutral.subtle',
  ':hover': { backgroundColor: 'color.background.neutral.subtle.hovered' },
  ':focus-visible': {
    outlineWidth: 'border.width.focused',
    outlineStyle: 'solid',
    outlineColor: 'color.border.focused',
  },
});
const editor = xcss({ minWidth: '150px' });
/** Read by assistive technology, not shown. */
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export interface EditableCellProps<V> {
  /** What is edited, for assistive technology: "probability of IMP-12" (after the shown value). */
  label: string;
  display: ReactNode;
  canEdit: boolean;
  initial: V;
  renderEditor: (value: V, setValue: (v: V) => void) => ReactNode;
  /** Saves; resolves to null when saved, else the reason it was not. */
  onSave: (value: V) => Promise<string | null>;
  testId: string;
}

export function EditableCell<V>({
  label,
  display,
  canEdit,
  initial,
  renderEditor,
  onSave,
  testId,
}: EditableCellProps<V>) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<V>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // After Save, Cancel or Esc the focus goes back to the value that opened the editor, not to the page.
  const readRef = useRef<HTMLButtonElement | null>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (!editing && wasEditing.current) readRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (!canEdit) return <Box testId={testId}>{display}</Box>;

  const cancel = () => {
    setEditing(false);
    setError(null);
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    const why = await onSave(value);
    setSaving(false);
    if (why === null) setEditing(false);
    else setError(why); // keep the editor and the user's value
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // An open menu (owner, date) closes first; the next Escape cancels the edit.
    if (e.key === 'Escape' && !saving && !escapeClaimed(e.target)) {
      e.stopPropagation();
      cancel();
    }
  };

  if (!editing) {
    return (
      <Pressable
        ref={readRef}
        xcss={readView}
        testId={testId}
        onClick={() => {
          setValue(initial);
          setEditing(true);
        }}
      >
        {display}
        {/* Named by what it shows, then what it does ("Open, edit status of IMP-12"): a speech
            user says the visible text (WCAG 2.5.3, axe's label-content-name-mismatch). */}
        <span style={visuallyHidden}>{`, edit ${label}`}</span>
      </Pressable>
    );
  }
  return (
    <Box xcss={editor} testId={`${testId}--editor`} onKeyDown={onKeyDown}>
      <Stack space="space.050">
        {renderEditor(value, setValue)}
        <Inline space="space.050" alignBlock="center">
          <Button
            appearance="primary"
            spacing="compact"
            onClick={() => void save()}
            isDisabled={saving}
            testId={`${testId}--save`}
          >
            Save
          </Button>
          <Button spacing="compact" onClick={cancel} isDisabled={saving} testId={`${testId}--cancel`}>
            Cancel
          </Button>
          {saving ? <Spinner size="small" label="Saving" /> : null}
        </Inline>
        {error !== null ? (
          <Box role="alert" testId={`${testId}--error`}>
            <Text color="color.text.danger" size="small">
              Not saved: {error}
            </Text>
          </Box>
        ) : null}
      </Stack>
    </Box>
  );
}
