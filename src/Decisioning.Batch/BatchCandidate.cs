namespace Decisioning.Batch;

/// <summary>A channel an action may take in batch allocation, with the script rendered for it.</summary>
internal readonly record struct ChannelOffer(string Channel, string? Script);

/// <summary>
/// One returned action of one customer, waiting for a slot (spec section 7). <see cref="Chain"/>
/// is where it may go, in order: the channel the decision chose first, then every later channel of
/// its strategy's list that passes the channel gate for the customer. <see cref="Line"/> is the
/// 0-based line of the customer in the input: the last tie-break of the allocation order, so that
/// the order is total even when an id appears twice.
/// </summary>
internal sealed record BatchCandidate(
    long Line,
    string CustomerId,
    int Rank,
    double Score,
    string Strategy,
    string Product,
    IReadOnlyList<ChannelOffer> Chain);
