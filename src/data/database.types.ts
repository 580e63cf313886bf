export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      add_feedback_reasons: {
        Args: { p_id: string; p_reasons: string[] }
        Returns: Json
      }
      authenticate_api_key: {
        Args: { p_key_hash: string }
        Returns: Json
      }
      bootstrap_staff_member: {
        Args: {
          p_display_name: string
          p_role: string
          p_township: string
          p_user_id: string
        }
        Returns: Json
      }
      create_draft: {
        Args: { p_action?: string; p_client_key: string; p_service: string }
        Returns: Json
      }
      get_draft: {
        Args: { p_draft_id: string }
        Returns: Json
      }
      give_page_feedback: {
        Args: { p_client_key: string; p_page: string; p_useful: boolean }
        Returns: Json
      }
      give_satisfaction: {
        Args: { p_client_key: string; p_rating: string; p_service: string }
        Returns: Json
      }
      intake_counts: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      intake_policy: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      issue_api_key: {
        Args: { p_key_hash: string; p_name: string }
        Returns: Json
      }
      issue_resume_code: {
        Args: { p_client_key: string; p_draft_id: string }
        Returns: Json
      }
      list_api_keys: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      lookup_status: {
        Args: { p_client_key: string; p_fact: string; p_reference: string }
        Returns: Json
      }
      public_notices: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      purge_expired: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      record_status: {
        Args: { p_note?: string; p_reference: string; p_status: string }
        Returns: Json
      }
      remove_pages: {
        Args: { p_draft_id: string; p_pages: string[] }
        Returns: Json
      }
      resume_draft: {
        Args: { p_client_key: string; p_code: string; p_fact: string }
        Returns: Json
      }
      revoke_api_key: {
        Args: { p_id: string }
        Returns: Json
      }
      save_page: {
        Args: {
          p_answers: Json
          p_draft_id: string
          p_page: string
          p_remove_pages?: string[]
        }
        Returns: Json
      }
      set_draft_action: {
        Args: { p_action: string; p_draft_id: string; p_remove_pages?: string[] }
        Returns: Json
      }
      sign_in_allowed: {
        Args: { p_account: string; p_client_key: string }
        Returns: Json
      }
      sign_in_failed: {
        Args: { p_account: string; p_client_key: string }
        Returns: undefined
      }
      sign_in_succeeded: {
        Args: { p_account: string }
        Returns: undefined
      }
      staff_application: {
        Args: { p_id: string }
        Returns: Json
      }
      staff_assign: {
        Args: { p_id: string; p_user: string; p_version: number }
        Returns: Json
      }
      staff_audit: {
        Args: { p_application?: string; p_page?: number }
        Returns: Json
      }
      staff_claim_counter_draft: {
        Args: { p_draft_id: string }
        Returns: Json
      }
      staff_colleagues: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      staff_dashboard: {
        Args: { p_from: string; p_stale_before: string; p_to: string }
        Returns: Json
      }
      staff_decide: {
        Args: {
          p_id: string
          p_internal_note?: string
          p_note?: string
          p_to_status: string
          p_version: number
        }
        Returns: Json
      }
      staff_export_rows: {
        Args: {
          p_after_at?: string
          p_after_id?: string
          p_export: string
          p_limit?: number
        }
        Returns: Json
      }
      staff_export_start: {
        Args: {
          p_column_set: string
          p_filters: Json
          p_format: string
          p_full: boolean
        }
        Returns: Json
      }
      staff_me: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      staff_member_factor_reset: {
        Args: { p_user_id: string }
        Returns: Json
      }
      staff_member_save: {
        Args: {
          p_active: boolean
          p_display_name: string
          p_role: string
          p_township: string
          p_user_id: string
        }
        Returns: Json
      }
      staff_members_list: {
        Args: Record<PropertyKey, never>
        Returns: Json
      }
      staff_notice: {
        Args: { p_id: string }
        Returns: Json
      }
      staff_notice_objection: {
        Args: {
          p_id: string
          p_outcome: string
          p_outcome_note?: string
          p_received_on: string
          p_summary: string
        }
        Returns: Json
      }
      staff_notice_start: {
        Args: {
          p_category: number
          p_grade: number
          p_id: string
          p_internal_note?: string
          p_version: number
          p_working_days: number
        }
        Returns: Json
      }
      staff_queue: {
        Args: {
          p_action?: string
          p_page?: number
          p_page_size?: number
          p_service?: string
          p_stale_before?: string
          p_status?: string
          p_submitted_from?: string
          p_submitted_to?: string
          p_township?: string
        }
        Returns: Json
      }
      staff_reveal_id: {
        Args: { p_id: string }
        Returns: Json
      }
      staff_search: {
        Args: { p_query: string }
        Returns: Json
      }
      submit_application: {
        Args: { p_client_key: string; p_client_token: string; p_draft_id: string }
        Returns: Json
      }
      submit_complete_application: {
        Args: {
          p_action: string
          p_answers: Json
          p_channel_id: string
          p_client_key: string
          p_client_token: string
          p_service: string
        }
        Returns: Json
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DefaultSchema = Database[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof (Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        Database[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? (Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      Database[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof Database },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof Database },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof Database }
  ? Database[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
