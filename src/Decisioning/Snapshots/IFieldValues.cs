using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>A snapshot made in code, as <see cref="RecordBuilder"/> reads it: values by field.</summary>
internal interface IFieldValues
{
    /// <summary>The id field's value; false when the snapshot has none.</summary>
    bool TryGetId(string idField, out object? id);

    /// <summary>A declared field's value; false when the snapshot does not have the field at all.</summary>
    bool TryGet(FieldSlot field, out object? value);

    object? Holdings { get; }

    object? Events { get; }

    object? Contacts { get; }

    object? Responses { get; }
}
