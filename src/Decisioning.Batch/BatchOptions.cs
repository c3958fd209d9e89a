namespace Decisioning.Batch;

/// <summary>Tuning of a batch run; the defaults suit a population of any size.</summary>
public sealed record BatchOptions
{
    /// <summary>The defaults: what a run without options uses.</summary>
    public static readonly BatchOptions Default = new();

    /// <summary>
    /// How many settled candidates (those on channels without capacity) are sorted in memory before
    /// a sorted run is spilled to disk. Bounds the memory of a partition, whatever its population.
    /// </summary>
    public int RunLength { get; init; } = 65_536;

    /// <summary>
    /// Sees each valid customer before it is decided and may return a copy with more records: an
    /// interaction history adds the customer's past contacts and responses here (<c>batch --db</c>).
    /// Called on the batch's threads, concurrently.
    /// </summary>
    public Serialization.IDecisionObserver? Customers { get; init; }

    /// <summary>When set, every customer decided is counted in it (the command line's end-of-run summary).</summary>
    internal Evaluation.DecisionTally? Tally { get; init; }
}

/// <summary>
/// Told how a batch goes, on the batch's own threads and often: implementations should be cheap
/// and thread-safe. The stages after deciding are <c>ranking</c> (a partition sorts its
/// candidates), <c>listing</c> (the target lists are written) and <c>writing</c> (decisions.jsonl).
/// </summary>
public interface IBatchObserver
{
    /// <summary>Lines decided so far, reported while the customers are being decided.</summary>
    void Deciding(BatchProgress progress);

    /// <summary>Progress of a stage after deciding: <paramref name="done"/> of <paramref name="total"/> (null when not known in advance).</summary>
    void Stage(string stage, long done, long? total);
}

/// <summary>
/// How far a batch has got: the input lines decided so far (those of other partitions too) and
/// their size in UTF-8 bytes with their line ends, to compare with the input file's length.
/// </summary>
/// <param name="Lines">Input lines decided so far.</param>
/// <param name="Bytes">Their size in UTF-8 bytes, line ends included.</param>
/// <param name="Customers">Customers decided so far.</param>
/// <param name="Errors">Lines that gave an error record so far.</param>
public readonly record struct BatchProgress(long Lines, long Bytes, long Customers, long Errors);
