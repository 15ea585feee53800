// Technical questions (network/help): found by id, by status for staff, by the asker's mail for idempotent intake.
CREATE CONSTRAINT help_question_id IF NOT EXISTS FOR (n:HelpQuestion) REQUIRE n.id IS UNIQUE;
// A mail delivered twice (or two receivers racing with one mail) makes one question: the second insert fails here.
CREATE CONSTRAINT help_question_message_id IF NOT EXISTS FOR (n:HelpQuestion) REQUIRE n.messageId IS UNIQUE;
CREATE INDEX help_question_answer_message_id IF NOT EXISTS FOR (n:HelpQuestion) ON (n.answerMessageId);
CREATE INDEX help_question_status IF NOT EXISTS FOR (n:HelpQuestion) ON (n.status, n.askedAt);
