//! Export and import of a whole practice, and the store's practices for operators' tools.
//! Mirrors `coaching-core/src/service/export/`.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

fn file_error(what: &str, path: &std::path::Path, e: std::io::Error) -> core::Error {
    core::Error::Storage {
        message: format!("cannot {what} {}: {e}", path.display()),
    }
}

fn io_error(e: std::io::Error) -> core::Error {
    core::Error::Storage {
        message: e.to_string(),
    }
}

/// A Python binary file's `write`, called with the GIL for each buffered chunk.
struct PyWriter(Py<PyAny>);

impl Write for PyWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            self.0
                .call_method1(py, "write", (PyBytes::new(py, buf),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(buf.len())
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A Python binary file's `read(n)`, called with the GIL.
struct PyReader(Py<PyAny>);

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let chunk = self
                .0
                .call_method1(py, "read", (buf.len(),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let bytes = chunk.cast_bound::<PyBytes>(py).map_err(|_| {
                std::io::Error::other("the file gave text, not bytes: open it in binary mode ('rb')")
            })?;
            let b = bytes.as_bytes();
            let n = b.len().min(buf.len());
            buf[..n].copy_from_slice(&b[..n]);
            Ok(n)
        })
    }
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Writes the whole practice as one JSON document (docs/export-format.md) to
    /// `path_or_file`: a path (str or os.PathLike; written under a temporary name and moved
    /// into place when complete, so a refused export leaves the file as it was) or a binary
    /// file object open for writing. Streamed; the owner only.
    fn export_practice(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        #[gen_stub(override_type(type_repr = "str | os.PathLike[str] | typing.BinaryIO", imports = ("os", "typing")))]
        path_or_file: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let (a, p) = (actor.0, practice_id.0);
        if let Ok(path) = path_or_file.extract::<PathBuf>() {
            self.run(py, move |l| core::export_to_path(l, a, p, &path).map(|_| ()))
        } else {
            let file = path_or_file.clone().unbind();
            self.run(py, move |l| {
                let mut w = BufWriter::with_capacity(1 << 16, PyWriter(file));
                l.export_practice(a, p, &mut w)?;
                w.flush().map_err(io_error)
            })
        }
    }

    /// Loads an export document from `path_or_file` (a path, or a binary file object open for
    /// reading) into this store, which must not hold its practice yet (ConflictError), in one
    /// transaction. A document the library would not accept raises ValidationError whose
    /// `field` is the place in the document (`engagements[3].notes[0].body_html`), and nothing
    /// is written. Returns the imported practice.
    fn import_practice(
        &self, py: Python<'_>,
        #[gen_stub(override_type(type_repr = "str | os.PathLike[str] | typing.BinaryIO", imports = ("os", "typing")))]
        path_or_file: &Bound<'_, PyAny>,
    ) -> PyResult<Practice> {
        if let Ok(path) = path_or_file.extract::<PathBuf>() {
            self.run(py, move |l| {
                let mut f = std::fs::File::open(&path).map_err(|e| file_error("read", &path, e))?;
                l.import_practice(&mut f)
            })
        } else {
            let file = path_or_file.clone().unbind();
            self.run(py, move |l| l.import_practice(&mut PyReader(file)))
        }
        .map(|i| Practice::from(&i.practice))
    }

    /// Every practice the store holds, for operators' tools; a host shows a person only the
    /// practices they belong to.
    fn practices(&self, py: Python<'_>) -> PyResult<Vec<Practice>> {
        self.many(py, |l| l.practices())
    }
}
