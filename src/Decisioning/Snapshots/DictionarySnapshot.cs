using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>A snapshot of field values by name, with its holdings, events and contacts.</summary>
internal sealed class DictionarySnapshot(
    IReadOnlyDictionary<string, object?> fields,
    IEnumerable<string>? holdings,
    IEnumerable<EventSnapshot>? events,
    IEnumerable<ContactSnapshot>? contacts,
    IEnumerable<ResponseSnapshot>? responses = null) : CustomerSnapshot, IFieldValues
{
    public object? Holdings => holdings;

    public object? Events => events;

    public object? Contacts => contacts;

    public object? Responses => responses;

    public override (CustomerRecord? Customer, SnapshotError? Error) Read(DecisionPlan plan) => RecordBuilder.Build(plan, this);

    public bool TryGetId(string idField, out object? id) => fields.TryGetValue(idField, out id);

    public bool TryGet(FieldSlot field, out object? value) => fields.TryGetValue(field.Name, out value);
}
