//! The workspace's `uniffi-bindgen`: generates the Kotlin and Swift bindings of
//! `libcoaching` in library mode.
//!
//!     cargo run -p coaching-ffi --bin uniffi-bindgen -- generate --library target/debug/libcoaching.so \
//!         --language kotlin --out-dir target/bindings/kotlin

fn main() {
    uniffi::uniffi_bindgen_main()
}
