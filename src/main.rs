//! The standalone app: mounts Shirube into the page.

fn main() {
    shirube::start();
}
