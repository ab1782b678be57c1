-- Which optional registration fields an event asks for, and which of those it requires:
-- comma-separated names from organisation, position, region, org_type, phone, dietary
-- (PostgreSQL).
ALTER TABLE events ADD COLUMN ask_fields TEXT NOT NULL DEFAULT 'organisation,position,region,org_type,phone,dietary';
ALTER TABLE events ADD COLUMN required_fields TEXT NOT NULL DEFAULT '';
