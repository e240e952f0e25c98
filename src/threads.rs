//! Work shared out over two cores, for the steps that load, save and compare large
//! projects.

/// Runs `a` on a second thread while `b` runs on this one, or one after the other when no
/// thread can be started; a panic in either goes on in the caller.
pub(crate) fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    let a = std::sync::Mutex::new(Some(a));
    let run_a = || a.lock().ok().and_then(|mut a| a.take()).map(|a| a());
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("parallax-half".into())
            .spawn_scoped(scope, run_a);
        let b = b();
        let done = handle.ok().and_then(|h| match h.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        let a = done
            .or_else(run_a)
            .expect("the first half runs on one thread or the other");
        (a, b)
    })
}
