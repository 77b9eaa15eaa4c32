//! Every id type's `FromStr` (and `EntityKind::parse`) on arbitrary text.
//!
//! - Parsing never panics.
//! - A refused id is an `Error::Validation` naming the id type, with a bounded message
//!   (untrusted input is truncated before it is quoted).
//! - An accepted id displays as canonical hyphenated lower-case UUID text, and that text parses
//!   back to the same id.
//! - `EntityKind::parse` accepts only the exact names `EntityKind::as_str` writes.

#![no_main]

use coaching_core::ids::*;
use coaching_core::Error;
use libfuzzer_sys::fuzz_target;

/// A generous bound on a refusal's message: 64 quoted characters plus the fixed wording.
const MAX_REASON_CHARS: usize = 64 + 1 + 80;

fn check<T>(s: &str, type_name: &str)
where
    T: std::str::FromStr<Err = Error> + std::fmt::Display + std::fmt::Debug + PartialEq,
{
    match s.parse::<T>() {
        Ok(id) => {
            let text = id.to_string();
            assert_eq!(text.len(), 36, "{type_name} {id:?} displays as {text:?}");
            assert!(
                text.bytes()
                    .enumerate()
                    .all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) {
                        b == b'-'
                    } else {
                        b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
                    }),
                "{type_name} {id:?} displays as non-canonical {text:?}"
            );
            match text.parse::<T>() {
                Ok(again) => assert_eq!(
                    again, id,
                    "{type_name}: {s:?} -> {text:?} parses to another id"
                ),
                Err(e) => panic!("{type_name}: {s:?} -> {text:?} does not parse back: {e:?}"),
            }
        }
        Err(Error::Validation { field, reason }) => {
            assert_eq!(field, type_name, "refusing {s:?}");
            assert!(
                reason.chars().count() <= MAX_REASON_CHARS,
                "{type_name}: unbounded message for {} input chars: {reason:?}",
                s.chars().count()
            );
        }
        Err(other) => panic!("{type_name}: {s:?} refused with a non-validation error {other:?}"),
    }
}

macro_rules! check_all {
    ($s:expr, $($t:ident),+ $(,)?) => {
        $( check::<$t>($s, stringify!($t)); )+
    };
}

fuzz_target!(|data: &[u8]| {
    let lossy;
    let s = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(_) => {
            lossy = String::from_utf8_lossy(data);
            &lossy
        }
    };
    check_all!(
        s,
        PracticeId,
        CoachId,
        ClientId,
        ProgramId,
        EngagementId,
        SessionId,
        NoteId,
        GoalId,
        MilestoneId,
        AssignmentId,
        AssignmentFileId,
        ResourceId,
        CommentId,
        ProgramItemId,
        LogEntryId,
    );
    if let Some(kind) = EntityKind::parse(s) {
        assert_eq!(kind.as_str(), s);
        assert_eq!(kind.to_string(), s);
    }
});
