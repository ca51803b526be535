//! The matching threads: one per core, fed from one queue.
//!
//! Matching is CPU work, so it runs beside the async workers, which only
//! read requests and write answers. A thread that finishes a task takes
//! the next one waiting at once, without being put to sleep and woken:
//! when tasks were handed to the blocking pool one at a time behind a
//! semaphore, each hand-off (permit released on the async worker, next
//! task spawned, a pool thread woken) left a core idle for a moment, and
//! under load those moments added up to a fifth of the machine
//! (BENCHMARKS.md "Service"). Tasks start in the order they were queued.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// A fixed set of threads running matching tasks in arrival order.
pub struct MatchingPool {
    threads: rayon::ThreadPool,
}

/// Why a task gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    /// The task panicked (a bug); the message is the panic's.
    #[error("the matching task failed: {0}")]
    Panicked(String),
    /// The pool dropped the task without running it (shutting down).
    #[error("the matching task was dropped")]
    Dropped,
}

impl MatchingPool {
    /// A pool of `threads` threads (at least one), named `seisai-match-N`.
    pub fn new(threads: usize) -> std::io::Result<Self> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|i| format!("seisai-match-{i}"))
            .build()
            .map(|threads| MatchingPool { threads })
            .map_err(std::io::Error::other)
    }

    /// A pool with one thread per core.
    pub fn per_core() -> std::io::Result<Self> {
        Self::new(std::thread::available_parallelism().map(usize::from).unwrap_or(2))
    }

    /// Runs `task` on a pool thread once the tasks queued before it have
    /// started, and returns its result. A task whose caller is gone by
    /// then (the request timed out or the client left) is not run.
    pub async fn run<T: Send + 'static>(&self, task: impl FnOnce() -> T + Send + 'static) -> Result<T, TaskError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.threads.spawn(move || {
            if answer.is_closed() {
                return;
            }
            let outcome = catch_unwind(AssertUnwindSafe(task)).map_err(|panic| {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_string());
                TaskError::Panicked(message)
            });
            let _ = answer.send(outcome);
        });
        answered.await.map_err(|_| TaskError::Dropped)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_tasks_and_reports_a_panic_without_losing_a_thread() {
        let pool = MatchingPool::new(1).expect("pool");
        assert_eq!(pool.run(|| 6 * 7).await.expect("answer"), 42);
        let failed = pool.run(|| -> u32 { panic!("boom") }).await;
        assert!(matches!(&failed, Err(TaskError::Panicked(m)) if m == "boom"), "{failed:?}");
        // The one thread is still there for the next task.
        assert_eq!(pool.run(|| "after").await.expect("answer"), "after");
    }

    #[tokio::test]
    async fn a_task_whose_caller_left_is_not_run() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::Duration;
        let pool = MatchingPool::new(1).expect("pool");
        let (release, released) = std::sync::mpsc::channel::<()>();
        // The one thread is kept busy until the second task's caller has left.
        let mut busy = Box::pin(pool.run(move || {
            let _ = released.recv();
        }));
        assert!(tokio::time::timeout(Duration::from_millis(1), &mut busy).await.is_err(), "the first task ended early");
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let left = pool.run(move || flag.store(true, Ordering::SeqCst));
        assert!(tokio::time::timeout(Duration::from_millis(20), left).await.is_err(), "the second task ran beside the first");
        release.send(()).expect("release");
        busy.await.expect("answer");
        // Tasks run in order: once this one has run, the dropped one had its turn.
        assert_eq!(pool.run(|| 1).await.expect("answer"), 1);
        assert!(!ran.load(Ordering::SeqCst), "a task whose caller left was run");
    }
}
