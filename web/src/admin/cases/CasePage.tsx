import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { CaseDetail } from '../../shared/workflow/CaseDetail.tsx';
import { CASE_TYPES } from '../caseTypes.ts';

/** `/admin/cases/:id`: one case of any type (the server decides whether the user may see it). */
export function CasePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  // Opened directly (a link from elsewhere): there is no page of ours to go back to.
  const back = () => (location.key === 'default' ? navigate('/admin') : navigate(-1));
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ padding: 0, marginBottom: 8 }}>
        返回
      </Button>
      <CaseDetail key={id} caseId={id} ui={(type) => CASE_TYPES[type]?.ui} />
    </>
  );
}
