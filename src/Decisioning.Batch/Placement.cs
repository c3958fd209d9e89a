namespace Decisioning.Batch;

/// <summary>
/// Where a candidate ends: the index in its <see cref="BatchCandidate.Chain"/> of the channel it
/// takes, or <see cref="DroppedIndex"/> when every channel of its chain was full (reason
/// <c>capacity</c>).
/// </summary>
internal readonly record struct Placement(BatchCandidate Candidate, int ChainIndex)
{
    public const int DroppedIndex = -1;

    public bool Dropped => ChainIndex == DroppedIndex;

    /// <summary>The channel and script taken; only when not <see cref="Dropped"/>.</summary>
    public ChannelOffer Offer => Candidate.Chain[ChainIndex];
}
