namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>What a word contributes to a defect report.</summary>
public enum ProblemWordKind
{
    None,

    /// <summary>A part or piece of equipment ("Bremse", "Kühlaggregat", "engine"): a problem only together with a vehicle.</summary>
    Component,

    /// <summary>A vehicle word ("LKW", "Sprinter", "Auflieger"); goes into the title next to the plate.</summary>
    Vehicle,

    /// <summary>A state that is a problem by itself ("kaputt", "ausgefallen", "leaking", "springt nicht an").</summary>
    Predicate,

    /// <summary>A noun that is a problem by itself ("Unfall", "Reifenpanne", "Fehler", "warning").</summary>
    Incident,
}
