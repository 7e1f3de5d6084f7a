// Alerts (shared/spec/alerts.md): each rule on or off, the days of the two rules that have them,
// and the projects the daily digests cover. The rules themselves live in src/domain/alerts.
import { Checkbox } from '@atlaskit/checkbox';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { ALERT_RULE_TITLES, ALERT_RULES } from '../../src/contracts/settings';
import { FieldErrors, ListSetting, NumberSetting, useForm } from './fields';
import { getAt } from './paths';

const row = xcss({
  borderBlockEndColor: 'color.border',
  borderBlockEndStyle: 'solid',
  borderBlockEndWidth: 'border.width',
  paddingBlock: 'space.150',
});

const WHAT: Record<(typeof ALERT_RULES)[number], string> = {
  raid_overdue:
    'A risk, assumption, issue or dependency not done whose due date has passed: its assignee, else the implementation owner.',
  milestone_late: 'A milestone not done whose baseline due date has passed: the implementation owner.',
  milestone_due_soon:
    'A milestone not done, not late, due within the business days below: its assignee, else the owner.',
  gate_ready_for_approval:
    'A gate whose criteria pass and that still needs approvals: each approver who has not signed.',
  gate_waiting: 'A gate ready for approval for more than the days below: the implementation owner.',
};

export function AlertsTab() {
  const { draft, readOnly, set } = useForm();
  return (
    <Box paddingBlock="space.200">
      <Stack space="space.100">
        <Text color="color.text.subtle">
          Once a day, each person gets one digest (a Jira notification on an implementation) of what needs
          them, only about issues they can see, and each alert once until it changes.
        </Text>
        {ALERT_RULES.map((rule) => {
          const path = ['alerts', 'rules', rule];
          const on = getAt(draft, path) !== false;
          return (
            <Box key={rule} xcss={row} testId={`alert-rule-${rule}`}>
              <Inline space="space.200" alignBlock="start" shouldWrap>
                <Stack space="space.050">
                  <Checkbox
                    label={ALERT_RULE_TITLES[rule]}
                    isChecked={on}
                    isDisabled={readOnly}
                    testId={`alert-on-${rule}`}
                    onChange={(e) => set(path, e.currentTarget.checked)}
                  />
                  <Text size="small" color="color.text.subtlest">
                    {WHAT[rule]}
                  </Text>
                </Stack>
                {rule === 'milestone_due_soon' ? (
                  <NumberSetting
                    path={['alerts', 'dueSoonBusinessDays']}
                    label="Business days ahead"
                    help="0 = due today only. Weekends and configured holidays are skipped."
                    step={1}
                  />
                ) : null}
                {rule === 'gate_waiting' ? (
                  <NumberSetting
                    path={['alerts', 'gateWaitingDays']}
                    label="Calendar days waiting"
                    help="Tell the owner after the gate has waited more than this."
                    step={1}
                  />
                ) : null}
              </Inline>
              <FieldErrors path={path} />
            </Box>
          );
        })}
        <ListSetting
          path={['alerts', 'projects']}
          label="Projects the alerts cover"
          help="Project keys, separated by commas. Empty: every project the app can browse."
        />
      </Stack>
    </Box>
  );
}
