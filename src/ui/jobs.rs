//! Long work off the window's thread: a job reports its progress, can be cancelled, and
//! hands back its result when done, so the window never freezes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a running job sees: where to report progress, and whether to stop.
#[derive(Clone, Default)]
pub struct Progress {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancelled: Arc<AtomicBool>,
}

impl Progress {
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Done so far, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / total as f32
        }
    }
}

/// A job under way, with a label for the status bar.
pub struct Job<T> {
    pub label: String,
    pub progress: Progress,
    result: Receiver<T>,
}

/// Where a job stands when polled.
pub enum Poll<T> {
    Running,
    Done(T),
    /// The job's thread ended without a result (it panicked).
    Failed,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread of its own; `wake` is called when it finishes.
    pub fn start(
        label: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let progress = Progress::default();
        let (tx, rx) = channel();
        let p = progress.clone();
        std::thread::spawn(move || {
            let result = work(&p);
            let _ = tx.send(result);
            wake();
        });
        Self {
            label: label.into(),
            progress,
            result: rx,
        }
    }

    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn poll(&self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Failed,
        }
    }

    /// Waits for the job to finish.
    #[cfg(test)]
    fn wait(self) -> Option<T> {
        self.result.recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_report_progress_and_finish() {
        let job = Job::start(
            "count",
            |p| {
                p.set_total(4);
                for _ in 0..4 {
                    p.advance();
                }
                p.fraction()
            },
            || {},
        );
        assert_eq!(job.wait(), Some(1.0));
    }

    #[test]
    fn cancelled_jobs_stop_early() {
        let (go_tx, go_rx) = channel::<()>();
        let job = Job::start(
            "wait",
            move |p| {
                go_rx.recv().unwrap();
                p.is_cancelled()
            },
            || {},
        );
        job.cancel();
        go_tx.send(()).unwrap();
        assert_eq!(job.wait(), Some(true));
    }
}
