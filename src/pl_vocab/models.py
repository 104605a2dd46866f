"""The pl_vocab data model as Pydantic v2 classes, generated from the LinkML schema.

Vendors import these names::

    >>> from pl_vocab.models import NarrativeAssessment
    >>> a = NarrativeAssessment(
    ...     id="urn:uuid:6f1c2d7e-0000-4000-8000-000000000001",
    ...     learner="https://district.example.org/learners/17",
    ...     narrative="Ana explained her model of the water cycle to the class.",
    ...     language="en",
    ...     author="https://district.example.org/staff/4",
    ...     author_role="teacher",
    ...     assessed_at="2026-03-04T10:15:00-06:00",
    ... )
    >>> a.author_role
    'teacher'

Every object names its class in ``type``, which the model fills in and always writes, so what a
model dumps is a self-describing record that ``pl-vocab validate`` and the shipped JSON Schema
accept as it is (no ``--class`` needed); a record read without ``type`` gets it from its class:

    >>> a.type, list(a.model_dump(exclude_none=True))[:2]
    ('NarrativeAssessment', ['type', 'id'])

Unknown fields are rejected and datetimes must carry a timezone offset. The classes live in
``pl_vocab._generated.models`` (do not edit it; run ``make generate``).
"""

from __future__ import annotations

from pydantic import BaseModel

from pl_vocab._generated.models import (
    AccessSupport,
    AdvisoryStatusEnum,
    AdvisoryStrengthEnum,
    AgentRoleEnum,
    AlignmentTypeEnum,
    ChoiceTypeEnum,
    Competency,
    CompetencyAlignment,
    CompetencyFramework,
    Concept,
    ConceptMapping,
    ConceptScheme,
    Conference,
    ConferenceModeEnum,
    Consent,
    ConsentPurposeEnum,
    CriterionJudgement,
    CriterionRatingEnum,
    Distinction,
    DistrictGlossary,
    Educator,
    EntryModalityEnum,
    EntryPoint,
    Evidence,
    Facet,
    GlossaryTerm,
    GoalStatusEnum,
    IdentityAttribute,
    IdentityAttributeTypeEnum,
    IdentitySourceEnum,
    LanguageAdvisory,
    Learner,
    LearnerChoice,
    LearnerGoal,
    LearnerIdentity,
    LearningCommunity,
    LearningExperience,
    LearningModeEnum,
    LearningProgression,
    LocalizedText,
    MappingJustificationEnum,
    MappingPredicateEnum,
    Membership,
    NarrativeAssessment,
    Person,
    ProficiencyLevel,
    ProficiencyScale,
    ProgressionStep,
    RecommendationEnum,
    RecordSet,
    Reflection,
    ReflectionTypeEnum,
    Relationship,
    RelationshipTypeEnum,
    Score,
    SourceReference,
    TechnologyReview,
    UdlPrincipleEnum,
    VisibilityEnum,
)

__all__ = [
    "AccessSupport",
    "AdvisoryStatusEnum",
    "AdvisoryStrengthEnum",
    "AgentRoleEnum",
    "AlignmentTypeEnum",
    "ChoiceTypeEnum",
    "Competency",
    "CompetencyAlignment",
    "CompetencyFramework",
    "Concept",
    "ConceptMapping",
    "ConceptScheme",
    "Conference",
    "ConferenceModeEnum",
    "Consent",
    "ConsentPurposeEnum",
    "CriterionJudgement",
    "CriterionRatingEnum",
    "Distinction",
    "DistrictGlossary",
    "Educator",
    "EntryModalityEnum",
    "EntryPoint",
    "Evidence",
    "Facet",
    "GlossaryTerm",
    "GoalStatusEnum",
    "IdentityAttribute",
    "IdentityAttributeTypeEnum",
    "IdentitySourceEnum",
    "LanguageAdvisory",
    "Learner",
    "LearnerChoice",
    "LearnerGoal",
    "LearnerIdentity",
    "LearningCommunity",
    "LearningExperience",
    "LearningModeEnum",
    "LearningProgression",
    "LocalizedText",
    "MappingJustificationEnum",
    "MappingPredicateEnum",
    "Membership",
    "NarrativeAssessment",
    "Person",
    "ProficiencyLevel",
    "ProficiencyScale",
    "ProgressionStep",
    "RecommendationEnum",
    "RecordSet",
    "Reflection",
    "ReflectionTypeEnum",
    "Relationship",
    "RelationshipTypeEnum",
    "Score",
    "SourceReference",
    "TechnologyReview",
    "UdlPrincipleEnum",
    "VisibilityEnum",
    "model_class",
]


def model_class(name: str) -> type[BaseModel]:
    """Return the model class called ``name`` (``"NarrativeAssessment"``).

    >>> model_class("Learner").__name__
    'Learner'

    :raises KeyError: if the schema has no such concrete class.
    """
    from pl_vocab._generated import models as generated

    cls = getattr(generated, name, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or name not in __all__:
        raise KeyError(f"No class {name!r} in the pl_vocab schema.")
    return cls
