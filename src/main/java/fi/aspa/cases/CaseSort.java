package fi.aspa.cases;

/** Orders a queue can be shown in. Each is backed by an index. */
public enum CaseSort {
    UPDATED_DESC("updated_at desc, id desc"),
    UPDATED_ASC("updated_at asc, id asc"),
    CREATED_DESC("created_at desc, id desc"),
    CREATED_ASC("created_at asc, id asc"),
    PRIORITY("case priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end, updated_at desc, id desc");

    final String sql;

    CaseSort(String sql) {
        this.sql = sql;
    }
}
