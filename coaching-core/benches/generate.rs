//! The benchmark practice, generated deterministically from a seed through the public API
//! (every rule enforced exactly as for a host): 50 coaches, 5,000 clients, 5,000 Active
//! engagements of 16 planned sessions (about half used), each with 10 goals of 3 milestones,
//! 5 assignments and 20 notes of realistic length. Ids come from the library (UUID v7);
//! everything else — names, times, texts, which sessions were held — comes from the seed.
//!
//! Shared by `benches/dashboard.rs` (criterion) and `examples/rust/bench.rs` (the table).

#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use coaching_core::*;

pub const COACHES: usize = 50;
pub const ENGAGEMENTS: usize = 5_000;
pub const SESSIONS_PER_ENGAGEMENT: u32 = 16;
pub const GOALS: usize = 10;
pub const MILESTONES: usize = 3;
pub const ASSIGNMENTS: usize = 5;
pub const NOTES: usize = 20;

/// "Now" of the benchmark practice: half of every engagement's sessions lie before it.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// SplitMix64: a tiny, stable, seeded generator (the data must not change with a crate
/// version).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Ben", "Carla", "Dan", "Eva", "Femi", "Grace", "Hugo", "Ines", "Jon", "Kemi", "Leo",
    "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara",
];
const LAST: &[&str] = &[
    "Adams", "Brown", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jones",
    "Kim", "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka",
];
/// Words of everyday prose: half of a note.
const FUNCTION: &[&str] = &[
    "the",
    "a",
    "to",
    "and",
    "of",
    "on",
    "about",
    "with",
    "her",
    "his",
    "their",
    "we",
    "she",
    "he",
    "they",
    "is",
    "was",
    "will",
    "be",
    "that",
    "this",
    "for",
    "in",
    "it",
    "as",
    "at",
    "but",
    "not",
    "more",
    "so",
    "discussed",
    "agreed",
    "wants",
    "next",
    "week",
    "session",
    "before",
    "after",
    "try",
    "felt",
];
/// Coaching vocabulary, most frequent first (picked with a Zipf-like skew).
const WORDS: &[&str] = &[
    "team",
    "goals",
    "feedback",
    "manager",
    "priorities",
    "confidence",
    "career",
    "meeting",
    "progress",
    "energy",
    "values",
    "decisions",
    "clarity",
    "focus",
    "stakeholders",
    "presentation",
    "habits",
    "strategy",
    "boundaries",
    "listening",
    "accountability",
    "delegation",
    "promotion",
    "conflict",
    "budget",
    "hiring",
    "vision",
    "reflection",
    "resilience",
    "transition",
    "calendar",
    "negotiation",
    "burnout",
    "mentoring",
    "influence",
    "visibility",
    "purpose",
    "performance",
    "trust",
    "culture",
    "motivation",
    "coaching",
    "leadership",
    "communication",
    "workload",
    "wellbeing",
    "sleep",
    "exercise",
    "family",
    "finances",
    "recruitment",
    "onboarding",
    "roadmap",
    "deadline",
    "product",
    "customers",
    "sales",
    "board",
    "investors",
    "authenticity",
    "imposter",
    "procrastination",
    "assertiveness",
    "empathy",
    "curiosity",
    "patience",
    "perfectionism",
    "recognition",
    "autonomy",
    "mastery",
    "sabbatical",
    "relocation",
    "retirement",
    "succession",
    "restructuring",
    "redundancy",
    "mediation",
    "escalation",
    "prioritisation",
    "journaling",
    "meditation",
    "gratitude",
    "mindfulness",
    "storytelling",
    "networking",
    "sponsorship",
    "partnership",
    "offsite",
    "retrospective",
    "okrs",
    "kpis",
    "headcount",
    "appraisal",
    "remuneration",
    "equity",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "ber", "dan", "fel", "gor", "hal", "jin",
    "kor", "lin", "mar", "nor", "pel", "quin", "ros", "sal", "tor", "ul", "ven", "wil", "yar",
    "zen",
];

/// One word of a note: prose, coaching vocabulary (skewed) or a rare name-like word.
fn word(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=76 => rng.pick(FUNCTION).to_string(),
        77..=84 => {
            let u = (rng.next_u64() % 1_000_000) as f64 / 1_000_000.0;
            WORDS[((WORDS.len() as f64) * u * u * u) as usize].to_string()
        }
        _ => (0..2 + rng.below(2)).map(|_| rng.pick(SYLLABLES)).collect(),
    }
}

const PROGRAMS: &[&str] = &[
    "Leadership",
    "Career Transition",
    "Executive Presence",
    "New Manager",
    "Resilience",
];

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = word(rng);
        let w = w.as_str();
        if i == 0 {
            s.push_str(&w[..1].to_uppercase());
            s.push_str(&w[1..]);
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if i % 12 == 11 && i + 1 < words {
            s.push('.');
        }
    }
    s.push('.');
    s
}

/// A note body of roughly 150–300 words in 3–5 paragraphs, as a rich-text editor sends it.
pub fn note_body(rng: &mut Rng) -> String {
    let paragraphs = 3 + rng.below(3);
    (0..paragraphs)
        .map(|i| {
            let words = 40 + rng.below(30);
            let p = paragraph(rng, words);
            if i == 1 {
                format!("<p><b>Wins:</b> {p}</p>")
            } else {
                format!("<p>{p}</p>")
            }
        })
        .collect()
}

/// What the generator made: the ids a benchmark needs.
pub struct Practice {
    pub practice: PracticeId,
    pub owner: CoachId,
    pub coaches: Vec<CoachId>,
    pub clients: Vec<ClientId>,
    pub engagements: Vec<EngagementId>,
}

/// Fills an empty store with the benchmark practice; `progress` is called every 500
/// engagements.
pub fn generate(
    lib: &Coaching,
    seed: u64,
    engagements: usize,
    mut progress: impl FnMut(usize),
) -> Result<Practice> {
    let mut rng = Rng::new(seed);
    let (practice, owner) = lib.create_practice(NewPractice {
        name: "Benchmark Coaching Co.".into(),
        time_zone: "Europe/London".into(),
        plan: Plan::team(COACHES as u32),
        owner_name: "Owner Coach".into(),
        owner_email: Some("owner@bench.example".into()),
    })?;
    let me = Actor::Coach(owner.id);
    let mut coaches = vec![owner.id];
    for i in 1..COACHES {
        let name = format!("{} {} (coach {i})", rng.pick(FIRST), rng.pick(LAST));
        coaches.push(
            lib.add_coach(me, practice.id, NewCoach { name, email: None })?
                .id,
        );
    }
    let program = lib.create_program(
        me,
        practice.id,
        NewProgram::sessions("Leadership", SESSIONS_PER_ENGAGEMENT),
    )?;
    // Every engagement of the program is sent an intake form, due a week after its start: one
    // open form each on the coaches' to-dos.
    let question = |prompt: &str, kind: QuestionKind| Question {
        prompt: prompt.into(),
        help: None,
        kind,
        choices: Vec::new(),
        scale_max: None,
        required: true,
    };
    let intake = lib.create_form_template(
        me,
        practice.id,
        NewFormTemplate {
            name: "Intake questionnaire".into(),
            description: Some("Before our first session".into()),
            questions: vec![
                question("What brings you to coaching?", QuestionKind::LongText),
                Question {
                    scale_max: Some(10),
                    ..question("How ready are you to change?", QuestionKind::Scale)
                },
                question("When would you like to start?", QuestionKind::Date),
            ],
        },
    )?;
    lib.add_program_item(
        me,
        program.id,
        ProgramItemKind::Form {
            template_id: intake.id,
            due_after_days: Some(7),
        },
    )?;
    let mut clients = Vec::with_capacity(engagements);
    let mut ids = Vec::with_capacity(engagements);
    // Each coach's engagements get distinct hour slots in the week, so weekly series never clash.
    let week_start = now() - Duration::weeks(8);
    for i in 0..engagements {
        let coach = coaches[i % COACHES];
        let slot = (i / COACHES) as i64; // 0..100 per coach
                                         // One engagement with all its contents per transaction (the bulk path: the same
                                         // operations and rules as one by one, one commit).
        let e = lib.batch(|lib| {
            let name = format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST));
            let client = lib.add_client(
                me,
                practice.id,
                NewClient {
                    name,
                    email: None,
                    has_portal: i % 3 != 0,
                },
            )?;
            clients.push(client.id);
            let start_date =
                NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(rng.below(60) as i64);
            let e = lib.create_engagement(
                me,
                practice.id,
                NewEngagement {
                    program_id: Some(program.id),
                    coach_id: Some(coach),
                    client_id: Some(client.id),
                    program_name: Some(rng.pick(PROGRAMS).to_string()),
                    start_date: Some(start_date),
                    ..Default::default()
                },
            )?;
            lib.activate(me, e.id)?;
            let first = week_start + Duration::hours(slot) + Duration::days(slot / 24 % 5);
            let sessions = lib.book_series(
                me,
                e.id,
                NewSession {
                    start: first,
                    end: None,
                    time_zone: Some("Europe/London".into()),
                    location: Location::Zoom {
                        join_url: "https://zoom.us/j/123456789".into(),
                    },
                },
                Recurrence {
                    every_weeks: 1,
                    end: SeriesEnd::Count(SESSIONS_PER_ENGAGEMENT),
                },
            )?;
            for s in sessions.iter().filter(|s| s.start < now()) {
                if rng.below(10) == 0 {
                    lib.mark_no_show(me, s.id)?;
                } else {
                    lib.complete_session(me, s.id)?;
                }
            }
            for g in 0..GOALS {
                let due = start_date + Duration::days(14 * (g as i64 + 1));
                let goal = lib.create_goal(
                    me,
                    e.id,
                    NewGoal {
                        name: format!("Goal {g}: {}", rng.pick(WORDS)),
                        description: Some(paragraph(&mut rng, 12)),
                        due_date: Some(due),
                        horizon: None,
                    },
                )?;
                for m in 0..MILESTONES {
                    let milestone = lib.add_milestone(
                        me,
                        goal.id,
                        &format!("Milestone {m} of goal {g}"),
                        Some(due - Duration::days(7 - 2 * m as i64)),
                    )?;
                    if rng.below(3) == 0 {
                        lib.set_milestone_done(me, milestone.id, true)?;
                    }
                }
            }
            for a in 0..ASSIGNMENTS {
                let due = start_date + Duration::days(10 * (a as i64 + 1));
                lib.create_assignment(
                    me,
                    e.id,
                    AssignmentInput {
                        name: Some(format!("Assignment {a}: {}", rng.pick(WORDS))),
                        description: None,
                        due_date: Some(Some(due)),
                    },
                )?;
            }
            for n in 0..NOTES {
                lib.create_note(
                    me,
                    e.id,
                    NewNote {
                        title: format!("Session {} notes: {}", n + 1, rng.pick(WORDS)),
                        body_html: note_body(&mut rng),
                        template: None,
                    },
                )?;
            }
            Ok(e)
        })?;
        ids.push(e.id);
        if (i + 1) % 500 == 0 {
            progress(i + 1);
        }
    }
    Ok(Practice {
        practice: practice.id,
        owner: owner.id,
        coaches,
        clients,
        engagements: ids,
    })
}

/// Opens `path` on the benchmark clock, generating the practice first if the file is new
/// (the ids are kept beside it in `<path>.ids`). Returns the library, the ids, and the
/// generation time (None when the file existed).
pub fn open_or_generate(
    path: &Path,
    seed: u64,
    engagements: usize,
) -> Result<(Coaching, Practice, Option<std::time::Duration>)> {
    let ids_path = path.with_extension("ids");
    let existed = path.exists() && ids_path.exists();
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    let lib = Coaching::with_clock(SqliteStore::open(path)?, ManualClock::new(now()));
    if existed {
        let text = std::fs::read_to_string(&ids_path).map_err(Error::storage_io)?;
        let mut lines = text.lines();
        let mut next = || lines.next().unwrap_or_default().to_string();
        let practice = next().parse()?;
        let owner = next().parse()?;
        let list = |s: String| {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let coaches = list(next())
            .iter()
            .map(|x| x.parse())
            .collect::<Result<_>>()?;
        let clients = list(next())
            .iter()
            .map(|x| x.parse())
            .collect::<Result<_>>()?;
        let engagements = list(next())
            .iter()
            .map(|x| x.parse())
            .collect::<Result<_>>()?;
        return Ok((
            lib,
            Practice {
                practice,
                owner,
                coaches,
                clients,
                engagements,
            },
            None,
        ));
    }
    let t = std::time::Instant::now();
    let p = generate(&lib, seed, engagements, |n| {
        eprintln!(
            "  generated {n} engagements ({:.1} s)",
            t.elapsed().as_secs_f64()
        )
    })?;
    let took = t.elapsed();
    let join = |v: &[String]| v.join(",");
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        p.practice,
        p.owner,
        join(&p.coaches.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        join(&p.clients.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        join(
            &p.engagements
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        ),
    );
    std::fs::write(&ids_path, text).map_err(Error::storage_io)?;
    Ok((lib, p, Some(took)))
}

pub trait IoErr {
    fn storage_io(e: std::io::Error) -> Error;
}

impl IoErr for Error {
    fn storage_io(e: std::io::Error) -> Error {
        Error::Storage {
            message: e.to_string(),
        }
    }
}

/// A start instant after every session already booked in the file (benchmarks book new
/// sessions on a reused file).
pub fn after_last_session(path: &Path) -> DateTime<Utc> {
    let conn = rusqlite::Connection::open(path).expect("open the benchmark file");
    let last: Option<i64> = conn
        .query_row("SELECT max(end_at) FROM sessions", [], |r| r.get(0))
        .unwrap_or(None);
    last.and_then(DateTime::from_timestamp_micros)
        .map_or(now(), |t| t + Duration::days(1))
}
