package io.matscreen.workflows.campaign;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.Map;

/** Custom search attributes of campaign workflows, so the Temporal UI can filter campaigns. */
public final class CampaignSearchAttributes {
  public static final SearchAttributeKey<String> CAMPAIGN =
      SearchAttributeKey.forKeyword("MatscreenCampaign");
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("MatscreenStage");
  public static final SearchAttributeKey<List<String>> CHEMSYS =
      SearchAttributeKey.forKeywordList("MatscreenChemsys");
  public static final SearchAttributeKey<Long> SCREENED =
      SearchAttributeKey.forLong("MatscreenScreened");
  public static final SearchAttributeKey<Long> STABLE_FOUND =
      SearchAttributeKey.forLong("MatscreenStableFound");

  /** Name and type of each attribute, for registering them with a Temporal namespace. */
  public static final Map<String, IndexedValueType> DEFINITIONS =
      Map.of(
          CAMPAIGN.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          STAGE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          CHEMSYS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
          SCREENED.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT,
          STABLE_FOUND.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT);

  private CampaignSearchAttributes() {}
}
