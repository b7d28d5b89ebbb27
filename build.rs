//! Checks the routing rules before the app is built: a broken rules file fails the build with
//! the line to fix, instead of shipping a widget that can only show an error.

fn main() {
    println!("cargo:rerun-if-changed=engine/rules/rules.toml");
    if let Err(error) = shirube_engine::Rules::embedded() {
        eprintln!("engine/rules/rules.toml: {error}");
        std::process::exit(1);
    }
}
