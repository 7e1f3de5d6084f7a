// The timeline says in words what it draws: each milestone's name and date, for its marker's
// tooltip and label, and every milestone in the row's text for a screen reader.
import { milestoneWords, timelineRowText } from '../../../src/domain/timeline';

const forecast = { date: '2026-03-08', baseline: '2026-02-28', projectedLate: true, lateByDays: 8 };

describe('the timeline in words', () => {
  it('names a milestone with its due date and whether it is done', () => {
    expect(
      milestoneWords({ key: 'IMP-2', summary: 'Design sign-off', dueDate: '2026-02-01', done: true }),
    ).toBe('IMP-2 Design sign-off, due 2026-02-01, done');
    expect(milestoneWords({ key: 'IMP-3', summary: ' ', dueDate: null, done: false })).toBe(
      'IMP-3, no due date, open',
    );
  });

  it("lists every milestone in the row's text, by due date, undated last", () => {
    expect(
      timelineRowText({
        kickoff: '2026-01-08',
        live: false,
        forecast,
        milestones: [
          { key: 'IMP-4', summary: 'Undated', dueDate: null, done: false },
          { key: 'IMP-3', summary: 'UAT', dueDate: '2026-03-01', done: false },
          { key: 'IMP-2', summary: 'Design', dueDate: '2026-02-01', done: true },
        ],
      }),
    ).toBe(
      'Kickoff 2026-01-08; forecast go-live 2026-03-08; baseline go-live 2026-02-28; projected late by 8 days; ' +
        '3 milestones (2 open): IMP-2 Design, due 2026-02-01, done; IMP-3 UAT, due 2026-03-01, open; IMP-4 Undated, no due date, open.',
    );
  });

  it('says so when there are no milestones, and the go-live once live', () => {
    expect(
      timelineRowText({
        kickoff: null,
        live: true,
        forecast: { ...forecast, projectedLate: false },
        milestones: [],
      }),
    ).toBe('Kickoff not set; went live 2026-03-08; baseline go-live 2026-02-28; no milestones.');
  });

  it("writes every date with the formatter a surface passes (the user's locale), never ISO", () => {
    const date = (d: string) => `<${d.slice(5)}>`;
    const text = timelineRowText(
      {
        kickoff: '2026-01-08',
        live: false,
        forecast,
        milestones: [{ key: 'IMP-2', summary: 'Design', dueDate: '2026-02-01', done: true }],
      },
      date,
    );
    expect(text).toBe(
      'Kickoff <01-08>; forecast go-live <03-08>; baseline go-live <02-28>; projected late by 8 days; ' +
        '1 milestone (0 open): IMP-2 Design, due <02-01>, done.',
    );
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(milestoneWords({ key: 'IMP-3', summary: 'UAT', dueDate: '2026-03-01', done: false }, date)).toBe(
      'IMP-3 UAT, due <03-01>, open',
    );
  });
});
