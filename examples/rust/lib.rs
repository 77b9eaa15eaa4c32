//! The examples' package: nothing but its examples (`examples/rust/*.rs`), run with
//! `cargo run --release --example <name>`.
