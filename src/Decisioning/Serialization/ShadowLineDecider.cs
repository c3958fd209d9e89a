using System.Buffers;
using System.Text.Json;

namespace Decisioning.Serialization;

/// <summary>
/// <c>evaluate MAP --shadow MAP2</c>, one line at a time: the served map decides the line as
/// <see cref="LineDecider"/> does, then the shadow decides the same snapshot at the same time and
/// its actions are appended to the served line as its <c>shadow</c> field (<see cref="ShadowJson"/>).
/// The served part of the line is byte for byte what the served map alone writes. Thread-safe, as
/// <see cref="LineDecider"/> is.
/// </summary>
internal sealed class ShadowLineDecider
{
    private readonly LineDecider _served;
    private readonly LineDecider _shadow;

    // What this thread reuses from line to line, shared by every shadow decider on it.
    [ThreadStatic]
    private static Lane? t_lane;

    public ShadowLineDecider(LineDecider served, LineDecider shadow)
    {
        _served = served ?? throw new ArgumentNullException(nameof(served));
        _shadow = shadow ?? throw new ArgumentNullException(nameof(shadow));
    }

    /// <summary>The served map's decider.</summary>
    public LineDecider Served => _served;

    /// <summary>The shadow map's decider.</summary>
    public LineDecider Shadow => _shadow;

    /// <summary>
    /// Decides <paramref name="line"/> (its UTF-8 bytes) with both maps and writes the served line with its
    /// <c>shadow</c> field, or the served map's error record alone; true when the served map could
    /// read the snapshot.
    /// </summary>
    public bool Decide(ReadOnlySpan<byte> line, DateTimeOffset at, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lane = t_lane ??= new Lane();
        lane.Served.ResetWrittenCount();
        if (!_served.Decide(line, at, lane.Served))
        {
            output.Write(lane.Served.WrittenSpan);
            return false;
        }

        lane.Shadow.ResetWrittenCount();
        _shadow.Decide(line, at, lane.Shadow);
        ShadowJson.Append(lane.Served.WrittenSpan, lane.Shadow.WrittenSpan, _shadow.Plan, output, lane.Writer);
        return true;
    }

    // What one thread reuses from line to line.
    private sealed class Lane
    {
        public ArrayBufferWriter<byte> Served { get; } = new(4096);

        public ArrayBufferWriter<byte> Shadow { get; } = new(4096);

        public Utf8JsonWriter Writer { get; } = new(new ArrayBufferWriter<byte>(1), DecisionJson.WriterOptions);
    }
}
