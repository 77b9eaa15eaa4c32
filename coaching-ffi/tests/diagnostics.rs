//! A panic the C boundary catches is reported through `tracing` (target `coaching::ffi`) to a
//! host that installed a subscriber, besides coming back as COACHING_RESULT_PANIC.

use std::sync::{Arc, Mutex};

use coaching::c::{coaching_last_error_code, coaching_selftest_panic, CoachingResult};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<(String, Level, Vec<(String, String)>)>>>);

struct Fields(Vec<(String, String)>);
impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl<S: Subscriber> Layer<S> for Collect {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut f = Fields(Vec::new());
        event.record(&mut f);
        let m = event.metadata();
        self.0
            .lock()
            .unwrap()
            .push((m.target().to_owned(), *m.level(), f.0));
    }
}

#[test]
fn a_caught_panic_is_an_error_event() {
    let c = Collect::default();
    let code =
        tracing::subscriber::with_default(tracing_subscriber::registry().with(c.clone()), || {
            coaching_selftest_panic()
        });
    assert_eq!(code, CoachingResult::Panic);
    assert_eq!(coaching_last_error_code(), CoachingResult::Panic);
    let seen = c.0.lock().unwrap();
    let event = seen
        .iter()
        .find(|(target, _, _)| target == "coaching::ffi")
        .unwrap_or_else(|| panic!("no coaching::ffi event among {seen:?}"));
    assert_eq!(event.1, Level::ERROR);
    let field = |name: &str| {
        event
            .2
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        field("message").as_deref(),
        Some("panic caught at the FFI boundary")
    );
    assert!(
        field("panic").is_some_and(|p| p.contains("coaching_selftest_panic was called")),
        "{event:?}"
    );
}
