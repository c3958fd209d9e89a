using System.Collections.Concurrent;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Decisioning.History;
using Decisioning.Serialization;

namespace Decisioning.Recording;

/// <summary>
/// Records into an <see cref="IInteractionHistory"/> through a bounded queue written by one
/// background task in batches, so a decision never waits on the store (unless the queue is full
/// and <see cref="HistoryOptions.WhenFull"/> says to wait). It also reads: as an
/// <see cref="IDecisionObserver"/> it adds each customer's history before the decision and
/// queues the decision after. <see cref="StopAsync"/> writes what is queued.
/// </summary>
/// <remarks>
/// Thread-safe. A batch the store cannot take for now (<see cref="IInteractionHistory.IsUnavailable"/>:
/// a database restarting, a connection cut, a file locked) is kept and written again, at growing
/// intervals up to two seconds, for <see cref="HistoryOptions.RetryUnavailableFor"/>; the queue
/// fills meanwhile and <see cref="HistoryOptions.WhenFull"/> applies. A batch the store refuses is
/// retried twice, then written in halves until the records it refuses are found: those are counted
/// as failed and logged, the others written. A process killed outright loses at most what
/// the queue held (the store itself stays readable: every batch is one transaction).
/// </remarks>
internal sealed class HistoryRecorder : IHistoryRecorder, ILineObserver, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500)];

    private readonly HistoryOptions _options;
    private readonly HistoryReader _reader;
    private readonly ILogger _logger;
    private readonly BlockingCollection<Pending> _queue;
    private readonly Task _pump;

    // A deciding thread that finds the queue full (WhenFull = Wait) waits here until the writer has
    // drained it to half (_lowWater), not on the queue itself, which let one waiting thread in for
    // every record the writer took: with the queue full, as it is whenever deciding outpaces the
    // store, each decision then cost a wake-up and a few yields, about one futex and one
    // sched_yield system call a decision in `evaluate --db` (benchmarks/README.md).
    private readonly ManualResetEventSlim _room = new(true);
    private readonly int _lowWater;
    private long _queued, _written, _dropped, _failed;
    private int _stopped;
    private HistoryQueueCounts? _stopReported;

    // Cancelled when a stop's deadline passes: the writer stops writing again to a store that is
    // unavailable, and what it has not written is reported as lost.
    private readonly CancellationTokenSource _abandon = new();

    // The store's current unavailability, if any (the writer's alone): when it began, the next wait.
    private Unavailable? _outage;

    /// <summary>Starts the queue's writer over <paramref name="store"/>; the recorder does not own the store.</summary>
    public HistoryRecorder(IInteractionHistory store, HistoryOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _options = options ?? new HistoryOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _reader = new HistoryReader(store, _options.RetryUnavailableFor, _logger);
        // Blocking, not async: a deciding thread that waits for room, and the writer that waits for
        // records, wait on the queue itself and need no pool thread to wake them.
        _queue = new BlockingCollection<Pending>(new ConcurrentQueue<Pending>(), _options.QueueCapacity);
        _lowWater = _options.QueueCapacity / 2;
        // A thread of its own: deciding threads blocked on a full queue (WhenFull = Wait) may be
        // every pool thread there is, and the writer must still run to make room.
        _pump = Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public IInteractionHistory Store { get; }

    /// <summary>The options recorded with.</summary>
    public HistoryOptions Options => _options;

    /// <inheritdoc />
    public HistoryQueueCounts Counts => new(Interlocked.Read(ref _queued), Interlocked.Read(ref _written),
        Interlocked.Read(ref _dropped), Interlocked.Read(ref _failed));

    /// <summary>Adds the customer's contacts and responses the plan's longest window reaches.</summary>
    public CustomerRecord Prepare(CustomerRecord customer, DecisionPlan plan, DateTime at) => _reader.Prepare(customer, plan, at);

    /// <summary>Queues the decision in <paramref name="buffer"/> (written as its JSON line now: the buffer is reused).</summary>
    public void Decided(CustomerRecord customer, DecisionBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Decided(customer, buffer, DecisionJson.ToUtf8(buffer));
    }

    /// <summary>Queues the decision in <paramref name="buffer"/>, already written as <paramref name="line"/>.</summary>
    void ILineObserver.Decided(CustomerRecord customer, DecisionBuffer buffer, ReadOnlySpan<byte> line) => Decided(customer, buffer, line);

    /// <summary>Queues a served decision already written as <paramref name="line"/> (evaluate's line, not written again).</summary>
    internal void Decided(CustomerRecord customer, DecisionBuffer buffer, ReadOnlySpan<byte> line) =>
        Decided(customer, buffer, line.ToArray());

    // The line stays in UTF-8 as written: the SQLite store binds those bytes, other stores read it as text.
    private void Decided(CustomerRecord customer, DecisionBuffer buffer, byte[] line)
    {
        var pending = FromBuffer(buffer, line, _options.KeepSnapshots ? customer : null, OfferRoles.Served);
        Enqueue(Adaptive.PredictorValues.HasAdaptive(buffer.Plan) ? pending with { Subject = new(customer, buffer.Tier, buffer.Stage) } : pending);
    }

    /// <summary>
    /// Queues a shadow map's decision (spec section 14): stored with its offers under role
    /// <see cref="OfferRoles.Shadow"/>, never as contacts, and without a snapshot (replay is the served map's).
    /// </summary>
    public void RecordShadow(Decision decision, DecisionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(plan);
        Enqueue(new Pending(decision, null, null, plan, null, null, OfferRoles.Shadow));
    }

    /// <summary>Queues a shadow decision made into <paramref name="buffer"/> (see <see cref="RecordShadow"/>).</summary>
    public void DecidedShadow(DecisionBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Enqueue(FromBuffer(buffer, DecisionJson.ToUtf8(buffer), null, OfferRoles.Shadow));
    }

    /// <summary>Queues a shadow decision already written as <paramref name="line"/> (see <see cref="RecordShadow"/>).</summary>
    internal void DecidedShadow(DecisionBuffer buffer, ReadOnlySpan<byte> line) =>
        Enqueue(FromBuffer(buffer, line.ToArray(), null, OfferRoles.Shadow));


    /// <summary>Queues a decision made by the engine; its line and snapshot are written in the background.</summary>
    public void Record(Decision decision, DecisionPlan plan, CustomerRecord customer)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Enqueue(new Pending(decision, null, null, plan, _options.KeepSnapshots ? customer : null, null, OfferRoles.Served)
        {
            Subject = Adaptive.PredictorValues.HasAdaptive(plan) ? new(customer, decision.Tier, decision.Stage) : null,
        });
    }

    /// <inheritdoc />
    public void RecordContact(ContactEntry contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        Check(contact);
        Enqueue(new Pending(null, null, null, null, null, HistoryBatch.Of([contact]), null));
    }

    /// <inheritdoc />
    public void RecordResponse(ResponseEntry response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Check(response);
        Enqueue(new Pending(null, null, null, null, null, HistoryBatch.Of([response]), null));
    }

    /// <inheritdoc />
    public void RecordOffers(StoredDecision? decision, IReadOnlyList<OfferEntry> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        // Only served offers may become contacts; a shadow's never do.
        var contacts = _options.OffersAreContacts ? DecisionLines.AsContacts(offers).ToList() : [];
        Enqueue(new Pending(null, null, null, null, null, new HistoryBatch(decision is null ? [] : [decision], offers, contacts, []), null));
    }

    // What `history import` skips as a bad line is refused here, at the caller. Queued, such a record
    // was lost later with everything written beside it: a store refused its missing customer id and
    // failed the whole batch, or its NaN value, read back into a decision that kept its snapshot,
    // failed the batch of every decision queued with that one.
    private static void Check(ContactEntry contact)
    {
        ArgumentException.ThrowIfNullOrEmpty(contact.CustomerId, nameof(contact));
        if (contact.Wave < 1)
        {
            throw new ArgumentException($"a contact's wave is 1 or more, not {contact.Wave}", nameof(contact));
        }
    }

    private static void Check(ResponseEntry response)
    {
        ArgumentException.ThrowIfNullOrEmpty(response.CustomerId, nameof(response));
        if (!ResponseRecord.Kinds.Contains(response.Kind))
        {
            throw new ArgumentException($"a response's kind is responded, declined or converted, not '{response.Kind}'", nameof(response));
        }

        if (!double.IsFinite(response.Value))
        {
            throw new ArgumentException($"a response's value is a number, not {response.Value}", nameof(response));
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (Interlocked.Read(ref _written) + Interlocked.Read(ref _failed) < target && !_pump.IsCompleted)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops taking records and writes what is queued. When <paramref name="cancellationToken"/>
    /// fires first, the records still queued are lost, and their number is logged.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _queue.CompleteAdding();
            _room.Set();
        }

        try
        {
            await _pump.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Reported below as unwritten; the writer gives up the batch it is writing again.
            _abandon.Cancel();
        }

        // Logged once per outcome: a second stop (the host's, then the container's) that finds the
        // same numbers says nothing new.
        var counts = Counts;
        if (Interlocked.Exchange(ref _stopReported, counts) != counts)
        {
            HistoryLog.Stopped(_logger, counts.Written, counts.Dropped, counts.Failed, counts.Pending);
        }
    }

    /// <summary>Stops, writing what is queued.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Stops, writing what is queued, and waits: for a service provider disposed synchronously,
    /// which refuses a service that is only asynchronously disposable.
    /// </summary>
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private void Enqueue(Pending pending)
    {
        // Counted first: a flush started meanwhile waits for this record too.
        Interlocked.Increment(ref _queued);
        try
        {
            var wait = _options.WhenFull == HistoryQueueFullMode.Wait;
            if (wait)
            {
                WaitForRoom();
            }

            if (_queue.TryAdd(pending, wait ? Timeout.Infinite : 0))
            {
                return;
            }
        }
        catch (InvalidOperationException)
        {
            // Stopped: no longer taking records.
        }

        Interlocked.Decrement(ref _queued);

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            HistoryLog.FirstDrop(_logger, _options.QueueCapacity, Volatile.Read(ref _stopped) == 1);
        }
    }

    // Returns at once while the queue has room; once it is full, when the writer has drained it to half (or stopped).
    private void WaitForRoom()
    {
        if (_queue.Count < _options.QueueCapacity)
        {
            return;
        }

        _room.Reset();
        // Looked at again after the reset: the writer may have drained the queue (and set the
        // event) in between. The timed wait is a second guard against a wake-up missed that way.
        while (Volatile.Read(ref _stopped) == 0 && !_pump.IsCompleted && _queue.Count > _lowWater && !_room.Wait(50))
        {
        }
    }

    private void Pump()
    {
        var items = new List<Pending>(_options.BatchSize);
        try
        {
            while (!_abandon.IsCancellationRequested && _queue.TryTake(out var first, Timeout.Infinite))
            {
                items.Add(first);
                while (items.Count < _options.BatchSize && _queue.TryTake(out var item))
                {
                    items.Add(item);
                }

                // Room again for the threads waiting for it: they refill the queue while this batch is written.
                if (_queue.Count <= _lowWater)
                {
                    _room.Set();
                }

                Write(items);
                items.Clear();
            }
        }
        finally
        {
            _room.Set();
        }
    }

    private void Write(List<Pending> items)
    {
        if (Attempt(items, RetryDelays.Length, out var refusal) == Outcome.Refused)
        {
            Isolate(items, refusal!);
        }
    }

    // Writes items as one batch, again while the store is unavailable (until the outage's time is
    // up) and up to `retries` times while it refuses them. Refused: nothing written or counted yet.
    private Outcome Attempt(List<Pending> items, int retries, out Exception? refusal)
    {
        refusal = null;
        HistoryBatch batch;
        try
        {
            batch = ToBatch(items);
        }
        catch (Exception e)
        {
            // A record that cannot be made into rows (its snapshot cannot be written) is refused as the store refuses one.
            refusal = e;
            return Outcome.Refused;
        }

        var refused = 0;
        while (true)
        {
            try
            {
                Store.Append(batch);
                Interlocked.Add(ref _written, items.Count);
                if (_outage is { } outage)
                {
                    _outage = null;
                    HistoryLog.AvailableAgain(_logger, items.Count, outage.Since.Elapsed);
                }

                return Outcome.Done;
            }
            catch (Exception e) when (StoreBackoff.IsUnavailable(Store, e))
            {
                // One outage for every batch it holds up: once it has lasted RetryUnavailableFor,
                // each batch gets one write and no wait, so a stop is not held up batch after batch.
                _outage ??= new Unavailable(_options.RetryUnavailableFor, _logger, items.Count, e);
                if (_outage.Expired)
                {
                    Fail(items.Count, e);
                    return Outcome.Done;
                }

                if (!_outage.WaitToRetry(_abandon.Token))
                {
                    // The stop's deadline passed: the batch stays unwritten (the stop logs it as lost).
                    return Outcome.Done;
                }
            }
            catch (Exception e) when (refused < retries)
            {
                HistoryLog.WriteRetried(_logger, items.Count, refused + 1, e);
                Thread.Sleep(RetryDelays[refused++]);
            }
            catch (Exception e)
            {
                refusal = e;
                return Outcome.Refused;
            }
        }
    }

    // A batch the store refused for good: its halves are written apart, and a refused half halved
    // again, so that a record the store refuses fails alone rather than with the records queued
    // beside it. When both halves are refused the failure is not one record's (a schema, a
    // permission): they fail together, logged once, instead of record by record.
    private void Isolate(List<Pending> items, Exception refusal)
    {
        if (items.Count == 1 || _abandon.IsCancellationRequested)
        {
            if (!_abandon.IsCancellationRequested)
            {
                Fail(items.Count, refusal);
            }

            return;
        }

        var first = items.GetRange(0, items.Count / 2);
        var second = items.GetRange(first.Count, items.Count - first.Count);
        var firstOutcome = Attempt(first, 0, out var firstRefusal);
        var secondOutcome = Attempt(second, 0, out var secondRefusal);
        if (firstOutcome == Outcome.Refused && secondOutcome == Outcome.Refused)
        {
            Fail(items.Count, refusal);
            return;
        }

        if (firstOutcome == Outcome.Refused)
        {
            Isolate(first, firstRefusal!);
        }

        if (secondOutcome == Outcome.Refused)
        {
            Isolate(second, secondRefusal!);
        }
    }

    private void Fail(int count, Exception exception)
    {
        Interlocked.Add(ref _failed, count);
        HistoryLog.WriteFailed(_logger, count, exception);
    }

    // What became of a batch: written, failed or left unwritten (Done), or refused by the store.
    private enum Outcome
    {
        Done,
        Refused,
    }

    // A time with the store unavailable: when it began, the waits between writes (growing from 50 ms
    // to 2 s), and when batches are given up. Logged when it starts and then at most every 30 s.
    private sealed class Unavailable(TimeSpan retryFor, ILogger logger, int count, Exception first)
    {
        private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);
        private TimeSpan _delay = StoreBackoff.First;
        private TimeSpan _logged = TimeSpan.Zero;

        public System.Diagnostics.Stopwatch Since { get; } = Start(logger, count, retryFor, first);

        public bool Expired => retryFor != Timeout.InfiniteTimeSpan && Since.Elapsed >= retryFor;

        // Waits before the next write (at most to the end of the outage's time, for a last write
        // then): false when abandon fires first.
        public bool WaitToRetry(CancellationToken abandon)
        {
            var delay = retryFor == Timeout.InfiniteTimeSpan ? _delay : Min(_delay, retryFor - Since.Elapsed);
            if (!StoreBackoff.Wait(delay, abandon))
            {
                return false;
            }

            _delay = StoreBackoff.Next(_delay);
            if (Since.Elapsed - _logged >= LogEvery)
            {
                _logged = Since.Elapsed;
                HistoryLog.StillUnavailable(logger, count, Since.Elapsed);
            }

            return !abandon.IsCancellationRequested;
        }

        private static System.Diagnostics.Stopwatch Start(ILogger logger, int count, TimeSpan retryFor, Exception first)
        {
            HistoryLog.Unavailable(logger, count, retryFor, first);
            return System.Diagnostics.Stopwatch.StartNew();
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }

    private HistoryBatch ToBatch(List<Pending> items)
    {
        var decisions = new List<StoredDecision>();
        var offers = new List<OfferEntry>();
        var contacts = new List<ContactEntry>();
        var responses = new List<ResponseEntry>();
        foreach (var item in items)
        {
            if (item.Batch is { } batch)
            {
                decisions.AddRange(batch.Decisions);
                offers.AddRange(batch.Offers);
                contacts.AddRange(batch.Contacts);
                responses.AddRange(batch.Responses);
                continue;
            }

            // The records come from the decision itself: its line is written once (here, off the
            // deciding thread, for a decision record) and never read back.
            var snapshot = item.Kept is { } kept ? SnapshotJson.Write(item.Plan!, kept) : null;
            StoredDecision decision;
            OfferEntry[] actions;
            if (item.Stored is { } stored)
            {
                decision = snapshot is null ? stored : stored with { Snapshot = snapshot };
                actions = item.Offers!;
            }
            else
            {
                decision = DecisionLines.Records(item.Decision!, DecisionJson.ToUtf8(item.Decision!), snapshot, item.Role!, out actions);
            }

            decisions.Add(decision);
            // An offer of an adaptive model keeps the predictor values it was decided with, for learning.
            offers.AddRange(item.Subject is { } subject
                ? actions.Select(o => o with { Predictors = Adaptive.PredictorValues.Write(item.Plan!, o.Strategy, subject.Customer, subject.Tier, subject.Stage) })
                : actions);
            if (_options.OffersAreContacts)
            {
                contacts.AddRange(DecisionLines.AsContacts(actions));
            }
        }

        return new HistoryBatch(decisions, offers, contacts, responses);
    }

    // A decision still in its buffer: its line and offers are taken now (the buffer is reused), its snapshot written later.
    private static Pending FromBuffer(DecisionBuffer buffer, byte[] line, CustomerRecord? kept, string role)
    {
        var stored = DecisionLines.Records(buffer, line, role, out var offers);
        return new Pending(null, stored, offers, buffer.Plan, kept, null, role);
    }

    // One queued record: a decision (as an object, or as its stored record and offers) with its role, or records ready to store.
    private sealed record Pending(
        Decision? Decision, StoredDecision? Stored, OfferEntry[]? Offers, DecisionPlan? Plan, CustomerRecord? Kept, HistoryBatch? Batch, string? Role)
    {
        /// <summary>The customer as decided, with its tier and stage, when the plan has adaptive models.</summary>
        public Subject? Subject { get; init; }
    }

    private sealed record Subject(CustomerRecord Customer, string? Tier, string? Stage);
}
