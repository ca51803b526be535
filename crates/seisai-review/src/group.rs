//! Group commit for writes from several threads of one process. A
//! durable commit waits for the disk (a WAL flush on PostgreSQL, ~5 ms on
//! the test machine), and writers are serialised for the audit chain, so
//! one transaction per write caps a store at a few hundred writes per
//! second however many clients wait. Here the writes that arrive while a
//! transaction commits queue up; the first waiting caller becomes the
//! leader and runs the queued writes (up to [`MAX_GROUP`]) one after the
//! other in the next transaction, each in its own savepoint, and hands
//! every caller its result after the commit. Followers wait for a signal
//! that the leader finished (not for a lock, so that all of them collect
//! their results at once); nobody returns before the commit that holds
//! their write.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::sync::mpsc;

use crate::db::{Backend, Exec};
use crate::error::{Result, ReviewError};

/// Most writes run in one transaction.
pub const MAX_GROUP: usize = 64;

/// A queued write: runs in the transaction, returns whether it failed and
/// what delivers its result once the transaction's fate is known.
type Job = Box<dyn FnOnce(&mut dyn Exec) -> Pending + Send>;

/// A write that ran, waiting for the commit.
struct Pending {
    failed: bool,
    /// Called with the commit's error (None: committed, or the write failed
    /// and its own error stands).
    deliver: Box<dyn FnOnce(Option<String>) + Send>,
}

/// The queue of writes, whether a leader is at work, and the signal that
/// it finished.
#[derive(Default)]
pub struct Group {
    state: Mutex<State>,
    finished: Condvar,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    leading: bool,
}

impl Group {
    /// Queues `f`, then either leads a group that holds it or waits for
    /// the leader that runs it; returns its result after the commit.
    pub fn run<T: Send + 'static>(&self, db: &Backend, f: impl FnOnce(&mut dyn Exec) -> Result<T> + Send + 'static) -> Result<T> {
        let (send, recv) = mpsc::channel::<Result<T>>();
        let job: Job = Box::new(move |tx| {
            let result = f(tx);
            Pending {
                failed: result.is_err(),
                deliver: Box::new(move |commit_error| {
                    let result = match (result, commit_error) {
                        (Ok(_), Some(e)) => Err(ReviewError::Db(format!("the transaction holding this write failed: {e}"))),
                        (r, _) => r,
                    };
                    let _ = send.send(result);
                }),
            }
        });
        // The state is a queue and a flag, consistent at every unlock: a
        // panic elsewhere does not make it unusable.
        let lock = || self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut state = lock();
        state.queue.push_back(job);
        loop {
            // A leader delivers before it clears `leading` and signals, so
            // a write not delivered while nobody leads is still queued.
            match recv.try_recv() {
                Ok(result) => return result,
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Err(ReviewError::Db(
                        "the write was not committed: the transaction of its group failed before it ran, or a writer panicked".into(),
                    ));
                }
                Err(mpsc::TryRecvError::Empty) => {}
            }
            if state.leading {
                state = self.finished.wait(state).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            state.leading = true;
            let n = state.queue.len().min(MAX_GROUP);
            let jobs: Vec<Job> = state.queue.drain(..n).collect();
            drop(state);
            let led = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lead(db, jobs)));
            state = lock();
            state.leading = false;
            self.finished.notify_all();
            if let Err(panic) = led {
                drop(state);
                std::panic::resume_unwind(panic);
            }
        }
    }
}

/// Runs `jobs` in one transaction and delivers every result. Jobs that
/// never ran (the transaction failed before them) are dropped, and their
/// callers learn it from the closed channel.
fn lead(db: &Backend, jobs: Vec<Job>) {
    let mut jobs: Vec<Option<Job>> = jobs.into_iter().map(Some).collect();
    let mut pending: Vec<Pending> = Vec::with_capacity(jobs.len());
    let outcome = db.write_group(jobs.len(), &mut |i, tx| match jobs.get_mut(i).and_then(Option::take) {
        Some(job) => {
            let p = job(tx);
            let failed = p.failed;
            pending.push(p);
            failed
        }
        None => true,
    });
    let commit_error = outcome.err().map(|e| e.to_string());
    for p in pending {
        let error = if p.failed { None } else { commit_error.clone() };
        (p.deliver)(error);
    }
}
