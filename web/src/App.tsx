import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';

// The start page is in the first bundle; every other page loads when it is first opened.
const SignUp = lazy(() => import('./pages/Auth').then((m) => ({ default: m.SignUp })));
const LogIn = lazy(() => import('./pages/Auth').then((m) => ({ default: m.LogIn })));
const MyData = lazy(() => import('./pages/MyData').then((m) => ({ default: m.MyData })));
const AssociationList = lazy(() => import('./pages/associations/AssociationList').then((m) => ({ default: m.AssociationList })));
const AssociationNew = lazy(() => import('./pages/associations/AssociationNew').then((m) => ({ default: m.AssociationNew })));
const AssociationPage = lazy(() => import('./pages/associations/AssociationPage').then((m) => ({ default: m.AssociationPage })));
const AssociationEdit = lazy(() => import('./pages/associations/AssociationEdit').then((m) => ({ default: m.AssociationEdit })));
const VolunteerProfile = lazy(() => import('./pages/volunteers/VolunteerProfile').then((m) => ({ default: m.VolunteerProfile })));
const VolunteerPage = lazy(() => import('./pages/volunteers/VolunteerPage').then((m) => ({ default: m.VolunteerPage })));
const Inbox = lazy(() => import('./pages/Inbox').then((m) => ({ default: m.Inbox })));
const Events = lazy(() => import('./pages/events/Events').then((m) => ({ default: m.Events })));
const EventPage = lazy(() => import('./pages/events/EventPage').then((m) => ({ default: m.EventPage })));
const StaffHome = lazy(() => import('./pages/staff/StaffHome').then((m) => ({ default: m.StaffHome })));
const StaffEventNew = lazy(() => import('./pages/staff/EventForm').then((m) => ({ default: m.StaffEventNew })));
const StaffEventEdit = lazy(() => import('./pages/staff/EventForm').then((m) => ({ default: m.StaffEventEdit })));
const StaffEvent = lazy(() => import('./pages/staff/StaffEvent').then((m) => ({ default: m.StaffEvent })));
const Recompute = lazy(() => import('./pages/staff/Recompute').then((m) => ({ default: m.Recompute })));
const Help = lazy(() => import('./pages/help/Help').then((m) => ({ default: m.Help })));
const StaffReports = lazy(() => import('./pages/staff/StaffReports').then((m) => ({ default: m.StaffReports })));
const StaffInsights = lazy(() => import('./pages/staff/StaffInsights').then((m) => ({ default: m.StaffInsights })));
const StaffHelp = lazy(() => import('./pages/staff/StaffHelp').then((m) => ({ default: m.StaffHelp })));
const ToolPage = lazy(() => import('./pages/catalogue/ToolPage').then((m) => ({ default: m.ToolPage })));
const SkillPage = lazy(() => import('./pages/catalogue/SkillPage').then((m) => ({ default: m.SkillPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  return (
    <Layout>
      <Lazy>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/signup" element={<SignUp />} />
          <Route path="/login" element={<LogIn />} />
          <Route path="/me" element={<MyData />} />
          <Route path="/associations" element={<AssociationList />} />
          <Route path="/associations/new" element={<AssociationNew />} />
          <Route path="/associations/:slug" element={<AssociationPage />} />
          <Route path="/associations/:slug/edit" element={<AssociationEdit />} />
          <Route path="/volunteer" element={<VolunteerProfile />} />
          <Route path="/volunteers/:slug" element={<VolunteerPage />} />
          <Route path="/inbox" element={<Inbox />} />
          <Route path="/events" element={<Events />} />
          <Route path="/events/:slug" element={<EventPage />} />
          <Route path="/staff" element={<StaffHome />} />
          <Route path="/staff/events/new" element={<StaffEventNew />} />
          <Route path="/staff/events/:slug/edit" element={<StaffEventEdit />} />
          <Route path="/staff/events/:slug" element={<StaffEvent />} />
          <Route path="/staff/recompute" element={<Recompute />} />
          <Route path="/staff/help" element={<StaffHelp />} />
          <Route path="/staff/reports" element={<StaffReports />} />
          <Route path="/staff/insights" element={<StaffInsights />} />
          <Route path="/help" element={<Help />} />
          <Route path="/tools/:slug" element={<ToolPage />} />
          <Route path="/skills/:slug" element={<SkillPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Lazy>
    </Layout>
  );
}
