//! The slow hashes (passwords and receipt codes) on a few threads of their
//! own. Each thread keeps one argon2 work area for its life, a short queue
//! waits in front of them, and a request that cannot wait is told the
//! server is busy: whatever arrives, at most `workers` hashes run, their
//! memory is taken once and kept, and nothing piles up behind them.
//!
//! Before, every receipt check ran its 19 MiB hash on a blocking thread of
//! its own; 64 clients checking receipts took the server to 8.8 GB, and the
//! allocator kept what it had once been given.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::Block;
use tokio::sync::oneshot;

use crate::error::{CoreError, CoreResult};

/// The largest argon2 memory a worker will lay out, in KiB: a stored hash
/// asking for more is not verified (antt makes 19 MiB ones).
pub const MAX_HASH_KIB: usize = 64 * 1024;

/// The argon2 memory of one worker, grown to the largest hash it has made
/// (at most [`MAX_HASH_KIB`]) and reused for every hash after.
#[derive(Default)]
pub struct WorkArea(Vec<Block>);

impl WorkArea {
    /// `count` blocks of 1 KiB, or `None` past [`MAX_HASH_KIB`].
    pub fn blocks(&mut self, count: usize) -> Option<&mut [Block]> {
        if count > MAX_HASH_KIB {
            return None;
        }
        if self.0.len() < count {
            self.0.resize(count, Block::default());
        }
        self.0.get_mut(..count)
    }
}

/// How many hashes run at once, how many may wait, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct HashLimits {
    pub workers: usize,
    pub queue: usize,
    pub wait: Duration,
}

impl Default for HashLimits {
    /// One worker per core, up to four (76 MiB of hash memory at most);
    /// sixteen waiting per worker; ten seconds of waiting.
    fn default() -> Self {
        let workers = std::thread::available_parallelism()
            .map_or(2, std::num::NonZero::get)
            .clamp(1, 4);
        Self {
            workers,
            queue: workers * 16,
            wait: Duration::from_secs(10),
        }
    }
}

type Job = Box<dyn FnOnce(&mut WorkArea) + Send>;

/// The pool of slow-hash workers, cheap to clone. Its threads start with
/// the first hash and end when the last clone is dropped.
#[derive(Clone)]
pub struct SlowHashes {
    limits: HashLimits,
    queue: Arc<Mutex<Option<SyncSender<Job>>>>,
}

impl SlowHashes {
    pub fn new(limits: HashLimits) -> Self {
        Self {
            limits: HashLimits {
                workers: limits.workers.max(1),
                ..limits
            },
            queue: Arc::default(),
        }
    }

    pub fn limits(&self) -> HashLimits {
        self.limits
    }

    /// Runs `work` on a worker's area and answers what it returns; refuses
    /// with [`CoreError::Busy`] at once when the queue is full, or when no
    /// worker took it within the wait (the work is then dropped unrun).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut WorkArea) -> T + Send + 'static,
    ) -> CoreResult<T> {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |area| {
            // Whoever asked stopped waiting: skip the hour of work.
            if !answer.is_closed() {
                let _ = answer.send(work(area));
            }
        });
        self.submit(job)?;
        match tokio::time::timeout(self.limits.wait, answered).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(CoreError::internal("a slow-hash worker stopped")),
            Err(_) => {
                tracing::warn!("a slow hash waited too long; the request is told to retry");
                Err(CoreError::Busy)
            }
        }
    }

    fn submit(&self, job: Job) -> CoreResult<()> {
        let mut queue = self
            .queue
            .lock()
            .map_err(|_| CoreError::internal("the slow-hash queue is poisoned"))?;
        let sender = if let Some(sender) = queue.as_ref() {
            sender.clone()
        } else {
            let sender = self.start()?;
            *queue = Some(sender.clone());
            sender
        };
        drop(queue);
        sender.try_send(job).map_err(|e| match e {
            TrySendError::Full(_) => {
                tracing::warn!("the slow-hash queue is full; the request is told to retry");
                CoreError::Busy
            }
            TrySendError::Disconnected(_) => CoreError::internal("the slow-hash workers stopped"),
        })
    }

    fn start(&self) -> CoreResult<SyncSender<Job>> {
        let (sender, jobs) = sync_channel::<Job>(self.limits.queue);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..self.limits.workers {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("antt-hash-{n}"))
                .spawn(move || work(&jobs))
                .map_err(CoreError::internal)?;
        }
        Ok(sender)
    }
}

/// A worker: takes the next job until the pool is dropped.
fn work(jobs: &Mutex<Receiver<Job>>) {
    let mut area = WorkArea::default();
    loop {
        let job = {
            let Ok(jobs) = jobs.lock() else { return };
            match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        job(&mut area);
    }
}

#[cfg(test)]
// The work stands in for a hash: it blocks its own worker thread, never
// the runtime's.
#[allow(clippy::disallowed_methods)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn at_most_the_workers_run_and_a_full_queue_is_told_to_wait() {
        let hashes = SlowHashes::new(HashLimits {
            workers: 2,
            queue: 3,
            wait: Duration::from_secs(5),
        });
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut calls = tokio::task::JoinSet::new();
        for i in 0..12 {
            let (hashes, running, most) = (hashes.clone(), running.clone(), most.clone());
            calls.spawn(async move {
                hashes
                    .run(move |_| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(50));
                        running.fetch_sub(1, Ordering::SeqCst);
                        i
                    })
                    .await
            });
        }
        let answers = calls.join_all().await;
        let done = answers.iter().filter(|a| a.is_ok()).count();
        let busy = answers
            .iter()
            .filter(|a| matches!(a, Err(CoreError::Busy)))
            .count();
        assert_eq!(done + busy, 12);
        assert!(busy > 0, "twelve at once through 2 workers and 3 places");
        assert!(done >= 3, "{done} done");
        assert!(most.load(Ordering::SeqCst) <= 2);
        // Once the queue has drained, the next one runs.
        assert_eq!(hashes.run(|_| 7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_caller_that_waited_too_long_is_busy_and_its_work_is_skipped() {
        let hashes = SlowHashes::new(HashLimits {
            workers: 1,
            queue: 4,
            wait: Duration::from_millis(100),
        });
        let ran = Arc::new(AtomicUsize::new(0));
        let slow = hashes.run(|_| std::thread::sleep(Duration::from_millis(400)));
        let counted = ran.clone();
        let late = hashes.run(move |_| counted.fetch_add(1, Ordering::SeqCst));
        let (slow, late) = tokio::join!(slow, late);
        assert!(matches!(slow, Err(CoreError::Busy)));
        assert!(matches!(late, Err(CoreError::Busy)));
        // Once the slow one is done the worker is free again, and the
        // skipped work never ran.
        tokio::time::sleep(Duration::from_millis(500)).await;
        hashes.run(|_| ()).await.unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_work_area_is_kept_and_bounded() {
        let mut area = WorkArea::default();
        assert_eq!(area.blocks(16).map(|b| b.len()), Some(16));
        assert_eq!(area.blocks(8).map(|b| b.len()), Some(8));
        assert_eq!(area.0.len(), 16);
        assert!(area.blocks(MAX_HASH_KIB + 1).is_none());
    }
}
