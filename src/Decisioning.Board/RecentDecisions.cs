using System.Text;

namespace Decisioning.Board;

/// <summary>
/// The host's recent decision lines and outcome lines, kept in memory for the live board: two
/// bounded rings of UTF-8 lines (the JSON of the decision contract, nothing of the engine's own
/// types), the oldest dropped first. Thread-safe: decisions are added from request threads while
/// the board reads a snapshot.
/// </summary>
public sealed class RecentDecisions
{
    private readonly Ring decisions;
    private readonly Ring outcomes;

    /// <summary>Keeps at most <paramref name="decisionCapacity"/> decision lines and <paramref name="outcomeCapacity"/> outcome lines.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity is below 1.</exception>
    public RecentDecisions(int decisionCapacity = 100_000, int outcomeCapacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decisionCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outcomeCapacity, 1);
        decisions = new Ring(decisionCapacity);
        outcomes = new Ring(outcomeCapacity);
    }

    /// <summary>Decision lines kept now.</summary>
    public int DecisionCount => decisions.Count;

    /// <summary>Outcome lines kept now.</summary>
    public int OutcomeCount => outcomes.Count;

    /// <summary>Adds one decision line (or a snapshot's error record), as <c>DecisioningJson.Serialize</c> writes it.</summary>
    public void Add(string decisionLine) => decisions.Add(Encode(decisionLine));

    /// <summary>Adds one outcome line: <c>{"customerId", "at", "product", "strategy"?, "kind", "value"}</c>.</summary>
    public void AddOutcome(string outcomeLine) => outcomes.Add(Encode(outcomeLine));

    /// <summary>The lines kept now, oldest first; later additions do not change the copy.</summary>
    public (IReadOnlyList<ReadOnlyMemory<byte>> Decisions, IReadOnlyList<ReadOnlyMemory<byte>> Outcomes) Snapshot() =>
        (decisions.Snapshot(), outcomes.Snapshot());

    private static byte[] Encode(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Encoding.UTF8.GetBytes(line);
    }

    private sealed class Ring(int capacity)
    {
        private readonly byte[][] lines = new byte[capacity][];
        private readonly Lock gate = new();
        private int next;
        private int count;

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return count;
                }
            }
        }

        public void Add(byte[] line)
        {
            lock (gate)
            {
                lines[next] = line;
                next = (next + 1) % lines.Length;
                count = Math.Min(count + 1, lines.Length);
            }
        }

        public IReadOnlyList<ReadOnlyMemory<byte>> Snapshot()
        {
            lock (gate)
            {
                var copy = new ReadOnlyMemory<byte>[count];
                var first = (next - count + lines.Length) % lines.Length;
                for (var i = 0; i < count; i++)
                {
                    copy[i] = lines[(first + i) % lines.Length];
                }

                return copy;
            }
        }
    }
}
