// The default theme is embedded in the binary (src/theme.rs): rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=themes");
}
