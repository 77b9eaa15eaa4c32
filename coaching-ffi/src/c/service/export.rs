//! Export and import of a whole practice, and the store's practices for operators' tools.
//! Mirrors `coaching-core/src/service/export/`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

fn file_error(what: &str, path: &str, e: std::io::Error) -> Error {
    Error::Storage {
        message: format!("cannot {what} {path}: {e}"),
    }
}

c_ops! {
    /// Writes the whole practice as one JSON document (docs/export-format.md) to the file at
    /// `path`, streamed: under a temporary name beside it, moved into place when complete (a
    /// refused or failed export leaves the file as it was). The owner only.
    fn coaching_export_practice(practice_id: *const c_char, path: *const c_char) -> done =
        |l, a| {
            let path = std::path::Path::new(text(path, "path")?);
            export_to_path(l, a, id(practice_id, "practice_id")?, path)?;
            Ok(())
        };
}

/// Loads the export document in the file at `path` into this store, which must not hold its
/// practice yet (`COACHING_RESULT_CONFLICT`), in one transaction; a document the library
/// would not accept is `COACHING_RESULT_VALIDATION` whose field is the place in the document
/// (`engagements[3].notes[0].body_html`), and nothing is written. The imported practice goes
/// to `out` (NULL: not wanted); free it with `coaching_practice_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_import_practice(
    lib: *const CoachingLib, path: *const c_char, out: *mut *mut CoachingPractice,
) -> CoachingResult {
    guard(|| {
        let l = crate::c::convert::lib(lib)?;
        let path = text(path, "path")?;
        let mut f = std::fs::File::open(path).map_err(|e| file_error("read", path, e))?;
        let imported = l.import_practice(&mut f)?;
        if !out.is_null() {
            put(out, into_raw::<CoachingPractice>(&imported.practice));
        }
        Ok(())
    })
}

/// Every practice the store holds (a list of `CoachingPractice`), for operators' tools such
/// as an export of every practice; a host shows a person only the practices they belong to.
#[no_mangle]
pub unsafe extern "C" fn coaching_practices(
    lib: *const CoachingLib, out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let all = crate::c::convert::lib(lib)?.practices()?;
        put(out, list_raw::<CoachingPractice>(&all));
        Ok(())
    })
}
